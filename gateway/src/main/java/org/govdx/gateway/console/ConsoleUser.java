package org.govdx.gateway.console;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.security.identity.SecurityIdentity;

import java.util.Base64;
import java.util.Map;

/** Who is signed in, as the pages need it: read from the session's access token (the services read the same token). */
public record ConsoleUser(String username, String name, String department, boolean steward, boolean cdo, boolean auditor,
                          boolean platformAdmin) {

    static ConsoleUser of(SecurityIdentity identity, String accessToken) {
        Map<String, Object> claims = claims(accessToken);
        String username = String.valueOf(claims.getOrDefault("preferred_username", identity.getPrincipal().getName()));
        Object department = claims.get("department");
        return new ConsoleUser(username, String.valueOf(claims.getOrDefault("name", username)), department == null ? null : department.toString(),
                identity.hasRole("steward"), identity.hasRole("cdo"), identity.hasRole("auditor"), identity.hasRole("platform-admin"));
    }

    private static Map<String, Object> claims(String jwt) {
        try {
            String[] parts = jwt.split("\\.");
            return ServiceClient.JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), new TypeReference<Map<String, Object>>() {
            });
        } catch (Exception e) {
            return Map.of();
        }
    }

    public String departmentKey() {
        return "dept." + department;
    }

    public String roleKey() {
        return auditor ? "role.auditor" : cdo ? "role.cdo" : platformAdmin ? "role.platform-admin" : "role.steward";
    }
}
