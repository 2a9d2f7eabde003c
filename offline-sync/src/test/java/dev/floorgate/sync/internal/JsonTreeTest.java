package dev.floorgate.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The core's answers are read with JsonTree: a hostile or broken answer is an IOException naming it, never a crash. */
class JsonTreeTest {

    @Test
    void readsAnObject() throws IOException {
        Object value = JsonTree.parse("{\"a\": [1, \"x\"]}".getBytes(StandardCharsets.UTF_8), "changes page");
        assertThat(value).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) value).get("a").toString()).contains("x");
    }

    @Test
    void malformedJsonNamesWhatAndWhere() {
        assertThatThrownBy(() -> JsonTree.parse("{\"a\": }".getBytes(StandardCharsets.UTF_8), "changes page"))
                .isInstanceOf(IOException.class).hasMessageContaining("changes page is not valid JSON at line 1");
    }

    @Test
    void nestingDeeperThanTheLimitIsAnIOExceptionNotANullPointer() {
        // Jackson's nesting constraint carries no location; the message must still name the document.
        byte[] deep = "[".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> JsonTree.parse(deep, "changes page"))
                .isInstanceOf(IOException.class).hasMessageContaining("changes page is not valid JSON")
                .hasMessageContaining("16");
    }
}
