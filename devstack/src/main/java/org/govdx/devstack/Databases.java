package org.govdx.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Creates the per-service PostgreSQL databases when they are missing. Each govdx service owns one
 * database; the services' Flyway migrations then create the schema inside it.
 *
 * <p>Usage: {@code Databases HOST PORT USER NAME...} (password from {@code GOVDX_DB_PASSWORD}).
 */
public final class Databases {

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private Databases() {
    }

    public static void ensure(String host, int port, String user, String password, String... names) {
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            for (String name : names) {
                if (!SAFE_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("not a database name: " + name);
                }
                try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                    exists.setString(1, name);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (Statement create = connection.createStatement()) {
                    create.execute("create database " + name);
                } catch (SQLException e) {
                    // another test JVM may have created it a moment ago: 42P04 duplicate_database
                    if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare databases on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** Drops (closing open connections) and creates the databases afresh: a clean slate for end-to-end runs. */
    public static void recreate(String host, int port, String user, String password, String... names) {
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, user, password); Statement statement = connection.createStatement()) {
            for (String name : names) {
                if (!SAFE_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("not a database name: " + name);
                }
                statement.execute("drop database if exists " + name + " with (force)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop databases on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        ensure(host, port, user, password, names);
    }

    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: Databases HOST PORT USER NAME...");
            System.exit(2);
        }
        String[] names = java.util.Arrays.copyOfRange(args, 3, args.length);
        ensure(args[0], Integer.parseInt(args[1]), args[2], System.getenv().getOrDefault("GOVDX_DB_PASSWORD", ""), names);
        System.out.println("databases ready: " + String.join(", ", names));
    }
}
