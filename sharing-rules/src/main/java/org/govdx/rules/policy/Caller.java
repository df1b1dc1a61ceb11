package org.govdx.rules.policy;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The authenticated caller of a data call (DOMAIN "Who uses it", rule 5 authorised users).
 *
 * @param departmentCode the caller's department
 * @param roles          the caller's roles
 * @param principalId    the user id or client id
 * @param kind           person or department system
 * @param onBehalfOf     for a {@link PrincipalKind#SYSTEM_CLIENT}: the clerk it acts for; then the clerk, not the
 *                       client, must be among a grant's authorised principals
 */
public record Caller(String departmentCode, Set<Role> roles, String principalId, PrincipalKind kind, Optional<String> onBehalfOf) {
    public Caller {
        requireText(departmentCode, "departmentCode");
        requireText(principalId, "principalId");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(onBehalfOf, "onBehalfOf");
        if (onBehalfOf.isPresent()) {
            if (kind != PrincipalKind.SYSTEM_CLIENT) {
                throw new IllegalArgumentException("only a system client acts on behalf of a clerk");
            }
            requireText(onBehalfOf.get(), "onBehalfOf");
        }
    }

    /** A person. */
    public static Caller user(String departmentCode, String userId, Set<Role> roles) {
        return new Caller(departmentCode, roles, userId, PrincipalKind.USER, Optional.empty());
    }

    /** A department system acting on its own account. */
    public static Caller system(String departmentCode, String clientId, Set<Role> roles) {
        return new Caller(departmentCode, roles, clientId, PrincipalKind.SYSTEM_CLIENT, Optional.empty());
    }

    /** A department system acting for a clerk. */
    public static Caller systemOnBehalfOf(String departmentCode, String clientId, Set<Role> roles, String clerkId) {
        return new Caller(departmentCode, roles, clientId, PrincipalKind.SYSTEM_CLIENT, Optional.of(clerkId));
    }

    /** The principal a grant must authorise: the clerk when acting on behalf of one, else the caller. */
    public String accountablePrincipal() {
        return onBehalfOf.orElse(principalId);
    }

    static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
