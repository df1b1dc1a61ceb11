package org.govdx.common.identity;

import java.util.Set;

/**
 * Who is calling, as proven by the verified access token: the person or department system, its department
 * (the {@code department} claim), and its realm roles.
 *
 * @param subject    the token subject (stable Keycloak user id)
 * @param username   the login name, or {@code service-account-<client>} for a department system
 * @param name       display name, if the token has one
 * @param department department code, e.g. {@code civil-affairs}
 * @param roles      realm roles
 * @param clientId   the client a department system authenticated as; {@code null} for a person
 */
public record Caller(String subject, String username, String name, String department, Set<String> roles, String clientId) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** A department's own system (client-credentials grant), which must name the clerk it acts for. */
    public boolean isSystem() {
        return clientId != null;
    }

    public boolean belongsTo(String departmentCode) {
        return department != null && department.equals(departmentCode);
    }

    /** The identity to record and to match against an agreement's authorised users. */
    public String principal() {
        return isSystem() ? clientId : username;
    }
}
