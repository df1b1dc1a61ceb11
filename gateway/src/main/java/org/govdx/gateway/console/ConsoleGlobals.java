package org.govdx.gateway.console;

import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateGlobal;

import java.util.List;
import java.util.Map;

/** The fixed lists every console template may use (Qute has no list literals), and the word lookup {@code m.t('prefix.', value)}. */
@TemplateGlobal
public class ConsoleGlobals {

    static final List<String> modes = List.of("VIEW", "AGGREGATE", "EXTRACT");
    static final List<String> requestStates = List.of("DRAFT", "AWAITING_ENDORSEMENT", "IN_CONFORMITY_REVIEW", "AWAITING_PROVIDER",
            "AWAITING_CONSUMER_ACCEPTANCE", "APPROVED", "REJECTED", "DECLINED", "WITHDRAWN");
    static final List<String> agreementStates = List.of("ACTIVE", "SUSPENDED", "REVOKED", "EXPIRED", "SUPERSEDED");
    static final List<String> agreementActions = List.of("suspend", "resume", "revoke");
    static final List<String> classes = List.of("OPEN", "RESTRICTED", "FORBIDDEN");
    static final List<String> departments = List.of("civil-affairs", "health", "public-security", "transport", "market-regulation", "hrss");
    static final List<String> outcomes = List.of("ALLOWED", "DENIED");
    static final List<String> auditActions = List.of("data.read", "data.aggregate", "data.uploaded", "request.drafted", "request.submit",
            "request.endorse", "request.approve", "request.approve-with-changes", "request.accept-changes", "agreement.signed", "audit.queried");
    static final List<String> reasonedActions = List.of("send-back", "return-for-changes", "reject", "decline-changes", "fail-conformity", "withdraw");
}

/** {@code m.t('class.', field.fieldClass)}: the word for a prefixed key (Qute templates cannot concatenate strings inside a lookup). */
@TemplateExtension
class WordLookup {

    static String t(Map<String, String> words, String prefix, Object value) {
        return words.get(prefix + value);
    }

    /** A step's name as the exchange reports it ({@code APPROVE_WITH_CHANGES}) as its slug ({@code approve-with-changes}). */
    static String slug(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** An ISO instant as people in the platform's time zone read it: {@code 2026-11-24 07:38}. */
    static String when(String instant) {
        try {
            return java.time.OffsetDateTime.parse(instant).atZoneSameInstant(ConsolePages.PLATFORM_ZONE)
                    .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        } catch (RuntimeException e) {
            return instant;
        }
    }

    /** {@code 0.987} as {@code 98.7%}. */
    static String percent(Number share) {
        return java.math.BigDecimal.valueOf(share.doubleValue() * 100).setScale(1, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
    }
}
