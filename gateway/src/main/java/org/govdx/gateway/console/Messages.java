package org.govdx.gateway.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The console's words in Chinese and English ({@code console/messages_zh.properties}, {@code _en}), read once.
 * Templates write {@code {m.key}}; a key missing in a language falls back to the other, then to the key itself,
 * so a page never breaks for a missing translation ({@code MessagesTests} checks both files have the same keys).
 */
public final class Messages {

    public static final Set<String> LANGUAGES = Set.of("zh", "en");
    private static final Map<String, Map<String, String>> BY_LANGUAGE = new HashMap<>();

    static {
        for (String lang : LANGUAGES) {
            BY_LANGUAGE.put(lang, load(lang));
        }
    }

    private Messages() {
    }

    static Map<String, String> load(String lang) {
        Properties p = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream("/console/messages_" + lang + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> m = new HashMap<>();
        p.forEach((k, v) -> m.put(k.toString(), v.toString()));
        return m;
    }

    /** The words of {@code lang}, as a map that answers every key. */
    public static Map<String, String> of(String lang) {
        Map<String, String> primary = BY_LANGUAGE.getOrDefault(lang, BY_LANGUAGE.get("zh"));
        Map<String, String> other = BY_LANGUAGE.get("zh".equals(lang) ? "en" : "zh");
        return new AbstractMap<>() {
            @Override
            public String get(Object key) {
                String v = primary.get(key);
                if (v != null) {
                    return v;
                }
                String k = String.valueOf(key);
                // a department the console has no name for is shown by its code
                return other.getOrDefault(k, k.startsWith("dept.") ? k.substring("dept.".length()) : k);
            }

            @Override
            public boolean containsKey(Object key) {
                return true;
            }

            @Override
            public Set<Entry<String, String>> entrySet() {
                return primary.entrySet();
            }
        };
    }
}
