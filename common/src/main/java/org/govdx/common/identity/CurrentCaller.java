package org.govdx.common.identity;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.govdx.common.problem.ProblemException;

import java.security.Principal;
import java.util.HashSet;
import java.util.Set;

/**
 * The request's {@link Caller}, read from the verified token. Request scoped, so singleton resources can
 * inject it and still see each request's own caller. A token that proves a department role (steward or
 * cdo) but carries no department claim is refused: no department, no data.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    SecurityIdentity identity;

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            caller = read();
        }
        return caller;
    }

    private Caller read() {
        if (identity.isAnonymous()) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        Principal principal = identity.getPrincipal();
        String subject = principal.getName();
        String username = subject;
        String name = null;
        String department = null;
        String clientId = null;
        if (principal instanceof JsonWebToken jwt) {
            subject = jwt.getSubject();
            username = jwt.containsClaim("preferred_username") ? jwt.getClaim("preferred_username") : subject;
            name = jwt.getClaim("name");
            department = jwt.getClaim("department");
            clientId = jwt.getClaim("client_id");
        }
        Set<String> roles = new HashSet<>(identity.getRoles());
        if ((roles.contains(Roles.STEWARD) || roles.contains(Roles.CDO)) && (department == null || department.isBlank())) {
            throw ProblemException.forbidden("The token carries no department claim");
        }
        return new Caller(subject, username, name, department, roles, clientId);
    }
}
