package dev.floorgate.gateway.internal.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.templates.LabelTemplate;
import dev.floorgate.templates.PreviewResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateServicePreviewCacheTest {
    private final TemplateService templates = TemplateService.load(null);
    private final LabelTemplate template = templates.all().get(0);

    @Test
    void theSamePreviewAskedAgainIsNotRenderedAgain() {
        Map<String, String> data = new HashMap<>(template.sampleData());
        PreviewResult first = templates.preview(template, data);
        PreviewResult again = templates.preview(template, new HashMap<>(data));
        assertThat(again).isSameAs(first);
        assertThat(again.png()).isEqualTo(template.preview(data).png());
    }

    @Test
    void otherDataOrAnotherTemplateGetsItsOwnPreview() {
        Map<String, String> data = new HashMap<>();
        PreviewResult plain = templates.preview(template, data);
        String field = template.fields().get(0).name();
        data.put(field, "OTHER-1");
        PreviewResult changed = templates.preview(template, data);
        assertThat(changed).isNotSameAs(plain);
        assertThat(changed.png()).isEqualTo(template.preview(data).png());
        data.put(field, "OTHER-2"); // the caller's map changing later does not change what was cached
        assertThat(templates.preview(template, Map.of(field, "OTHER-1"))).isSameAs(changed);
        LabelTemplate another = templates.all().get(1);
        assertThat(templates.preview(another, Map.of())).isNotSameAs(plain);
    }

    @Test
    void theCacheKeepsTheLast32AndDropsTheLeastRecentlyUsed() {
        String field = template.fields().get(0).name();
        PreviewResult oldest = templates.preview(template, Map.of(field, "V0"));
        PreviewResult kept = templates.preview(template, Map.of(field, "V1"));
        for (int i = 2; i <= PreviewCache.CAPACITY; i++) {
            templates.preview(template, Map.of(field, "V" + i));
            templates.preview(template, Map.of(field, "V1")); // used again: stays
        }
        assertThat(templates.preview(template, Map.of(field, "V1"))).isSameAs(kept);
        assertThat(templates.preview(template, Map.of(field, "V0"))).isNotSameAs(oldest);
    }

    @Test
    void badDataIsRefusedEveryTimeAndNothingIsCached() {
        dev.floorgate.templates.TemplateField field = template.fields().get(0);
        String tooLong = "X".repeat(field.maxLength() + 1);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> templates.preview(template, Map.of(field.name(), tooLong)))
                    .isInstanceOf(GatewayProblem.class).hasMessageContaining(field.name());
        }
    }

    @Test
    void aPreviewPrintingTheGatewaysTimeIsDrawnAgainWhenTheTimeItPrintsChanges(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("lot.zpl"), "# size: 4x2 in\n# field: lot text sample=L-1\n"
                + "# field: packed gateway-time format=\"dd.MM.yyyy HH:mm\"\n"
                + "^XA\n^FO40,40^A0N,30,30^FDLot ${lot}^FS\n^FO40,90^A0N,30,30^FDPacked ${packed}^FS\n^XZ\n");
        TemplateService site = TemplateService.load(dir.toString());
        LabelTemplate lot = site.find("lot").orElseThrow();
        assertThatThrownBy(() -> site.preview(lot, Map.of())).as("no clock wired").isInstanceOf(
                IllegalStateException.class).hasMessageContaining("field 'packed'");
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:05Z"));
        site.useClock(new dev.floorgate.gateway.internal.clock.CoreTimeClock(now::get, ZoneId.of("UTC")));

        PreviewResult first = site.preview(lot, Map.of());
        now.set(now.get().plusSeconds(20)); // the same minute: the same label
        assertThat(site.preview(lot, Map.of())).isSameAs(first);
        now.set(now.get().plusSeconds(60)); // the next minute: a new label, not the cached one
        PreviewResult next = site.preview(lot, Map.of());
        assertThat(next).isNotSameAs(first);
        assertThat(next.png()).isNotEqualTo(first.png());
        assertThat(next.png()).isEqualTo(lot.preview(Map.of(), Clock.fixed(now.get(), ZoneId.of("UTC"))).png());
    }
}
