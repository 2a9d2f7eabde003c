package dev.floorgate.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {
    @Test
    void plainTextIsUnchanged() {
        assertThat(LogText.safe("scanner-07 (Zebra TC52) ÄÖü")).isEqualTo("scanner-07 (Zebra TC52) ÄÖü");
    }

    @Test
    void aForgedLogLineStaysOnOneLine() {
        String forged = "dev-1\r\n2026-12-05 07:00:00 INFO admin signed in";
        String safe = LogText.safe(forged);
        assertThat(safe).doesNotContain("\n").doesNotContain("\r")
                .isEqualTo("dev-1\\r\\n2026-12-05 07:00:00 INFO admin signed in");
    }

    @Test
    void otherControlCharactersAreEscapedVisibly() {
        assertThat(LogText.safe("a\tb\u001b[31mc\u0000d\u007fe\u2028f\u0085g"))
                .isEqualTo("a\\tb\\u001b[31mc\\u0000d\\u007fe\\u2028f\\u0085g");
        assertThat(LogText.safe("a\tb\u001b[31m").chars().noneMatch(Character::isISOControl)).isTrue();
    }

    @Test
    void aBackslashIsDoubledSoAnEscapeCannotBeFaked() {
        assertThat(LogText.safe("a\\nb")).isEqualTo("a\\\\nb");
    }

    @Test
    void nullIsSaidAsNull() {
        assertThat(LogText.safe(null)).isEqualTo("null");
    }

    @Test
    void longTextIsCappedWithAMarkerThatSaysHowMuchWasCut() {
        String safe = LogText.safe("x".repeat(10_000));
        assertThat(safe).startsWith("x".repeat(LogText.MAX_CHARS)).endsWith("...(+9800 chars)");
        assertThat(safe).hasSize(LogText.MAX_CHARS + "...(+9800 chars)".length());
    }

    @Test
    void theCapCountsEscapesAndNeverCutsOneInHalf() {
        String safe = LogText.safe("\n".repeat(150));
        assertThat(safe).isEqualTo("\\n".repeat(100) + "...(+50 chars)");
    }
}
