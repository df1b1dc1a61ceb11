package org.govdx.gateway.console;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.Locale;
import java.util.Map;

/** Renders a console page with what every page shows: the person, the language and its words. */
@RequestScoped
public class Pages {

    static final String LANGUAGE_COOKIE = "govdx-lang";

    @Inject
    SecurityIdentity identity;

    @Inject
    ServiceClient services;

    @Inject
    HttpServerRequest request;

    private ConsoleUser user;

    public ConsoleUser user() {
        if (user == null) {
            user = identity.isAnonymous() ? null : ConsoleUser.of(identity, services.accessToken());
        }
        return user;
    }

    public String language() {
        Cookie cookie = request.getCookie(LANGUAGE_COOKIE);
        if (cookie != null && Messages.LANGUAGES.contains(cookie.getValue())) {
            return cookie.getValue();
        }
        String accept = request.getHeader("Accept-Language");
        return accept != null && !accept.toLowerCase(Locale.ROOT).startsWith("zh") && accept.toLowerCase(Locale.ROOT).startsWith("en") ? "en" : "zh";
    }

    public Map<String, String> words() {
        return Messages.of(language());
    }

    static Map<String, String> departmentNames(String lang) {
        Map<String, String> words = Messages.of(lang);
        Map<String, String> names = new java.util.TreeMap<>();
        for (String code : java.util.List.of("civil-affairs", "health", "public-security", "transport", "market-regulation", "hrss")) {
            names.put(code, words.get("dept." + code));
        }
        return names;
    }

    public TemplateInstance page(Template template, String active) {
        String lang = language();
        String uri = request.uri();
        return template.data("u", user()).data("m", Messages.of(lang)).data("lang", lang).data("active", active)
                .data("deptNames", Charts.json(departmentNames(lang))).data("here", uri).data("back", java.net.URLEncoder.encode(uri, java.nio.charset.StandardCharsets.UTF_8)).data("zh", "zh".equals(lang));
    }
}
