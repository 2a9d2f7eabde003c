package dev.floorgate.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code gateway-time} field (issue 20 item 4): a date printed from the gateway's corrected time instead of
 * the printer's own clock, in the field's format and zone (default: the rendering clock's, the site's).
 */
class GatewayTimeFieldTest {
    /** 2026-12-31T11:30:15Z: already 2027-01-01 01:30 in Kiritimati (UTC+14), still the 31st in Honolulu. */
    static final Instant AT = Instant.parse("2026-12-31T11:30:15Z");
    static final String HEADER = "# description: lot label\n# size: 4x2 in\n# field: lot text sample=L-1\n";
    static final String BODY = "^XA\n^FO40,40^A0N,30,30^FDLot ${lot}^FS\n"
            + "^FO40,90^A0N,30,30^FDPacked ${packed}^FS\n^FO40,140^A0N,30,30^FDUTC ${utc}^FS\n^XZ\n";
    @TempDir
    Path dir;

    private LabelTemplate load(String fieldLines) throws IOException {
        Files.writeString(dir.resolve("lot.zpl"), HEADER + fieldLines + BODY, StandardCharsets.UTF_8);
        return TemplateCatalog.withSiteDirectory(dir).find("lot").orElseThrow();
    }

    private static final String TIME_FIELDS = "# field: packed gateway-time format=\"dd.MM.yyyy HH:mm\"\n"
            + "# field: utc gateway-time format=yyyy-MM-dd'T'HH:mm zone=UTC\n";

    @Test
    void printsTheClocksInstantInTheSiteZoneAndInTheFieldsOwnZone() throws IOException {
        LabelTemplate t = load(TIME_FIELDS);
        assertThat(t.field("packed").orElseThrow().required()).as("never given by the caller").isFalse();

        List<String> far = fields(t.render(Map.of("lot", "L-7"), 1, Clock.fixed(AT, ZoneId.of("Pacific/Kiritimati"))));
        List<String> near = fields(t.render(Map.of("lot", "L-7"), 1, Clock.fixed(AT, ZoneId.of("Pacific/Honolulu"))));

        assertThat(far).containsExactly("Lot L-7", "Packed 01.01.2027 01:30", "UTC 2026-12-31T11:30");
        assertThat(near).containsExactly("Lot L-7", "Packed 31.12.2026 01:30", "UTC 2026-12-31T11:30");
        assertThat(t.gatewayTimeValues(Clock.fixed(AT, ZoneId.of("UTC"))))
                .containsExactly(Map.entry("packed", "31.12.2026 11:30"), Map.entry("utc", "2026-12-31T11:30"));
    }

    @Test
    void withoutAClockItFailsNamingTheFieldAndAValueForItIsRefused() throws IOException {
        LabelTemplate t = load(TIME_FIELDS);

        assertThatThrownBy(() -> t.render(Map.of("lot", "L-7"), 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("template 'lot'").hasMessageContaining("field 'packed'")
                .hasMessageContaining("without a clock");
        assertThatThrownBy(() -> t.preview(Map.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("field 'packed'");
        assertThatThrownBy(() -> t.render(Map.of("lot", "L-7", "packed", "01.01.1970 00:00"), 1,
                Clock.fixed(AT, ZoneId.of("UTC")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field 'packed' (gateway-time)").hasMessageContaining("takes no value");
        assertThat(t.preview(Map.of(), Clock.fixed(AT, ZoneId.of("UTC"))).png()).isNotEmpty();
    }

    @Test
    void aTemplateWithoutTimeFieldsNeedsNoClock() throws IOException {
        Files.writeString(dir.resolve("plain.zpl"), HEADER + "^XA\n^FO40,40^A0N,30,30^FDLot ${lot}^FS\n^XZ\n");
        LabelTemplate t = TemplateCatalog.withSiteDirectory(dir).find("plain").orElseThrow();
        assertThat(t.gatewayTimeValues(null)).isEmpty();
        assertThat(fields(t.render(Map.of("lot", "L-1"), 1))).containsExactly("Lot L-1");
    }

    @Test
    void aBadFormatOrZoneIsRefusedAtLoadWithTheLineAndTheField() throws IOException {
        assertLoadFails("# field: packed gateway-time format=\"dd.MM.yyyy bbb\"\n# field: utc gateway-time\n", 4,
                "field 'packed': bad gateway-time format");
        assertLoadFails("# field: packed gateway-time format=yyyy-MM-dd{HH}\n# field: utc gateway-time\n", 4,
                "bad gateway-time format 'yyyy-MM-dd{HH}'");
        assertLoadFails("# field: packed gateway-time zone=Mars/Olympus_Mons\n# field: utc gateway-time\n", 4,
                "field 'packed': unknown zone 'Mars/Olympus_Mons'");
        assertLoadFails("# field: packed gateway-time sample=2026-01-01\n# field: utc gateway-time\n", 4,
                "field 'packed' (gateway-time) takes no sample");
        assertLoadFails("# field: packed date zone=UTC sample=2026-01-01\n# field: utc gateway-time\n", 4,
                "zone applies to gateway-time fields only");
    }

    private static List<String> fields(RenderedLabel label) {
        return ZplFieldData.of(label.zpl().getBytes(StandardCharsets.UTF_8));
    }

    private void assertLoadFails(String fieldLines, int line, String problem) throws IOException {
        Files.writeString(dir.resolve("lot.zpl"), HEADER + fieldLines + BODY, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TemplateCatalog.withSiteDirectory(dir))
                .isInstanceOfSatisfying(TemplateLoadException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.problem()).contains(problem);
                });
    }
}
