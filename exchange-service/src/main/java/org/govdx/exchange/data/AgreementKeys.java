package org.govdx.exchange.data;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.rules.extract.Watermark;
import org.govdx.rules.masking.Masker;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-agreement secrets of the data plane, derived from the master key: HMAC-SHA256(master key, label + agreement
 * id). The pseudonym key ({@code govdx/pseudonym-key/v1}) makes two consumers' pseudonyms unlinkable; the watermark key
 * ({@code govdx/watermark-key/v1}) marks an EXTRACT copy (decision 0041). Nothing is stored: the provider's trace
 * derives the same keys again. An agreement's masker is kept (its key never changes, and it keeps one initialised MAC
 * per thread), so a read does not derive the key and set up a MAC again.
 */
@ApplicationScoped
public class AgreementKeys {

    @ConfigProperty(name = "govdx.keys.master-key")
    String masterKey;

    private final Map<UUID, Masker> maskers = new ConcurrentHashMap<>();

    public Masker masker(UUID agreementId) {
        return maskers.computeIfAbsent(agreementId, id -> new Masker(derive(id, "govdx/pseudonym-key/v1\n")));
    }

    public Watermark watermark(UUID agreementId) {
        return new Watermark(derive(agreementId, "govdx/watermark-key/v1\n"));
    }

    byte[] derive(UUID agreementId, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(masterKey), "HmacSHA256"));
            return mac.doFinal((label + agreementId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
