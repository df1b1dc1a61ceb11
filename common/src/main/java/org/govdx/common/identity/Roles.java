package org.govdx.common.identity;

/** The realm roles of the govdx Keycloak realm (see DOMAIN.md, "Who uses it"). */
public final class Roles {
    public static final String STEWARD = "steward";
    public static final String CDO = "cdo";
    public static final String AUDITOR = "auditor";
    public static final String PLATFORM_ADMIN = "platform-admin";
    /** govdx services calling each other (outbox relays, catalog look-ups); never a person. */
    public static final String SERVICE = "govdx-service";

    private Roles() {
    }
}
