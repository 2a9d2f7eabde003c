package dev.floorgate.gateway.internal.print;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.templates.LabelTemplate;
import dev.floorgate.templates.TemplateField;
import dev.floorgate.templates.ZplCheck;
import dev.floorgate.templates.ZplCommandPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rendered templates are the gateway's own ZPL and are not checked on the way to the printer; this shows that is
 * safe: every built-in template, rendered the way a job renders it (sample data, one and many copies, and field
 * values full of printer-control commands), passes {@link ZplCommandPolicy#labelsOnly()}.
 */
class BuiltInTemplatesPassTheCommandPolicyTest {
    static final String HOSTILE = "~PP^JUS~HI~JR^XZ! U1 setvar \"device.friendly_name\" \"x\"";

    @Test
    void everyBuiltInTemplateRendersToLabelFormattingOnly() {
        TemplateService templates = TemplateService.load("");
        assertThat(templates.all()).isNotEmpty();
        int hostileRenders = 0;
        for (LabelTemplate t : templates.all()) {
            for (int copies : new int[] {1, 1000}) {
                assertPasses(t, templates.render(t, t.sampleData(), copies).zpl());
            }
            for (TemplateField f : t.fields()) {
                Map<String, String> data = new LinkedHashMap<>(t.sampleData());
                data.put(f.name(), HOSTILE);
                String zpl;
                try {
                    zpl = templates.render(t, data, 1).zpl();
                } catch (RuntimeException refusedByTheFieldsType) {
                    continue; // a GTIN, number or date field refuses the text: nothing to print
                }
                hostileRenders++;
                assertPasses(t, zpl);
            }
        }
        assertThat(hostileRenders).as("text fields took the hostile value").isGreaterThan(3);
    }

    private static void assertPasses(LabelTemplate t, String zpl) {
        ZplCheck check = ZplCommandPolicy.labelsOnly().check(zpl);
        assertThat(check.allowed()).as(t.name() + ": " + check.message() + " in " + zpl).isTrue();
    }
}
