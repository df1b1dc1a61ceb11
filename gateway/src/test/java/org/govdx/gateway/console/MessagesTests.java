package org.govdx.gateway.console;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every word a page shows exists in Chinese and in English. */
class MessagesTests {

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertThat(Messages.load("en").keySet()).containsExactlyInAnyOrderElementsOf(Messages.load("zh").keySet());
    }

    @Test
    void everyWordATemplateUsesIsTranslated() throws IOException {
        Map<String, String> zh = Messages.load("zh");
        Set<String> used = new TreeSet<>();
        Pattern word = Pattern.compile("\\{m\\.([a-z_]+)");
        try (Stream<Path> templates = Files.list(Path.of("src/main/resources/templates"))) {
            for (Path t : templates.toList()) {
                Matcher m = word.matcher(Files.readString(t));
                while (m.find()) {
                    if (!m.group(1).equals("get") && !m.group(1).equals("t")) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(zh.keySet()).containsAll(used);
    }

    @Test
    void aMissingKeyFallsBackInsteadOfBreakingThePage() {
        assertThat(Messages.of("en").get("class.FORBIDDEN")).isEqualTo("Forbidden");
        assertThat(Messages.of("zh").get("class.FORBIDDEN")).isEqualTo("不予共享");
        assertThat(Messages.of("en").get("no.such.key")).isEqualTo("no.such.key");
        assertThat(Messages.of("zh").get("dept.audit")).isEqualTo("audit");
    }
}
