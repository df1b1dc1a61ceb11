package org.govdx.catalog.service;

import org.govdx.common.identity.Caller;
import org.govdx.common.identity.Roles;

/** Who may see and do what in the catalog. */
public final class Access {

    private Access() {
    }

    /** A steward or CDO (or a department system) of {@code department}. */
    public static boolean isMemberOf(Caller caller, String department) {
        return caller.belongsTo(department) && (caller.hasRole(Roles.STEWARD) || caller.hasRole(Roles.CDO));
    }

    public static boolean isDepartmentRole(Caller caller) {
        return caller.department() != null && (caller.hasRole(Roles.STEWARD) || caller.hasRole(Roles.CDO));
    }

    /** Platform admin, auditors and govdx services read every dataset, drafts included. */
    public static boolean readsEverything(Caller caller) {
        return caller.hasRole(Roles.PLATFORM_ADMIN) || caller.hasRole(Roles.AUDITOR) || caller.hasRole(Roles.SERVICE);
    }

    /** May see unpublished versions of a dataset owned by {@code owner}. */
    public static boolean seesDrafts(Caller caller, String owner) {
        return isMemberOf(caller, owner) || readsEverything(caller);
    }
}
