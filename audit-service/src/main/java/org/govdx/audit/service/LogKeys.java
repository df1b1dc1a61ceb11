package org.govdx.audit.service;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.tlog.NoteSigner;
import org.govdx.tlog.NoteVerifier;
import org.jboss.logging.Logger;

/**
 * The log's identity: its origin (the first line of every checkpoint) and its Ed25519 note key, from
 * {@code govdx.audit.signing-key} in the C2SP {@code PRIVATE+KEY+<origin>+<hash>+<base64>} form. The key's name
 * must be the origin, so auditors' tools need only the verifier key ({@code GET /api/audit/log/key}).
 *
 * <p>A new key: {@code java -cp transparency-log/target/govdx-audit-verifier.jar org.govdx.tlog.verifier.GenerateKey govdx.example/audit-log}.
 */
@Startup // a bad key fails the start, not the first checkpoint
@ApplicationScoped
public class LogKeys {

    /** The development and test key; published in the repository, so worthless outside dev and tests. */
    static final String DEVELOPMENT_KEY = "PRIVATE+KEY+govdx.example/audit-log+65ce2905+AYPZuuk7hjjCfzfYUtmxdEDoeXC1udAf+taxwYKsNl/z";

    private static final Logger LOG = Logger.getLogger(LogKeys.class);

    @ConfigProperty(name = "govdx.audit.origin", defaultValue = "govdx.example/audit-log")
    String origin;

    @ConfigProperty(name = "govdx.audit.signing-key", defaultValue = DEVELOPMENT_KEY)
    String signingKey;

    private NoteSigner signer;

    @PostConstruct
    void init() {
        try {
            signer = NoteSigner.parse(signingKey.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("govdx.audit.signing-key is not a C2SP Ed25519 signer key: " + e.getMessage(), e);
        }
        if (!signer.name().equals(origin)) {
            throw new IllegalStateException("govdx.audit.signing-key is named \"" + signer.name() + "\" but the log's origin (govdx.audit.origin) is \""
                    + origin + "\"; they must be equal");
        }
        if (signingKey.trim().equals(DEVELOPMENT_KEY) && LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warn("the audit log signs its checkpoints with the published development key: set GOVDX_AUDIT_SIGNING_KEY "
                    + "(generate one with org.govdx.tlog.verifier.GenerateKey) before this log is used as evidence");
        }
    }

    public String origin() {
        return origin;
    }

    public NoteSigner signer() {
        return signer;
    }

    public NoteVerifier verifier() {
        return signer.verifier();
    }
}
