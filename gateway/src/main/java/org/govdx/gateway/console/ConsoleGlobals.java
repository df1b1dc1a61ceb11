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
}
