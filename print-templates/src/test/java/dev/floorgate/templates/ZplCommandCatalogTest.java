package dev.floorgate.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.templates.internal.ZplCommandCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** README's table of every ZPL command says what the preview does, and so does the preview itself. */
class ZplCommandCatalogTest {
    private static String section(String readme, String heading, String next) {
        int a = readme.indexOf(heading);
        int b = readme.indexOf(next, a + heading.length());
        assertThat(a).as(heading).isNotNegative();
        return readme.substring(a, b < 0 ? readme.length() : b);
    }

    @Test
    void readmeListsEveryCommandUnderItsStatus() throws IOException {
        String readme = new String(Files.readAllBytes(Paths.get("README.md")), StandardCharsets.UTF_8);
        String rendered = section(readme, "**Rendered**", "**Partly**");
        String partly = section(readme, "**Partly**", "**No effect on the picture**");
        String noEffect = section(readme, "**No effect on the picture**", "**Reported**");
        String reported = section(readme, "**Reported**", "Anything else");
        for (Map.Entry<String, ZplCommandCatalog.Entry> e : ZplCommandCatalog.all().entrySet()) {
            String code = "`" + e.getKey() + "`";
            String where;
            switch (e.getValue().status) {
                case RENDERED: where = rendered; break;
                case PARTLY: where = partly; break;
                case NO_EFFECT: where = noEffect; break;
                default: where = reported;
            }
            assertThat(where).as(e.getKey() + " " + e.getValue().status).contains(code);
            if (e.getValue().status == ZplCommandCatalog.Status.PARTLY) {
                assertThat(partly).contains("| " + code + " | " + e.getValue().note + " |");
            }
        }
    }

    @Test
    void reportedCommandsWarnOncePerLabelAndOthersStaySilent() {
        for (Map.Entry<String, ZplCommandCatalog.Entry> e : ZplCommandCatalog.all().entrySet()) {
            String cmd = e.getKey();
            if (cmd.startsWith("^X") || cmd.startsWith("^F") || cmd.endsWith("CC") || cmd.endsWith("CT")
                    || cmd.endsWith("CD") || cmd.equals("^A") || cmd.equals("^A@") || cmd.startsWith("^B")) {
                continue; // structure, field, prefix and barcode commands have their own tests
            }
            PreviewResult r = ZplPreview.render("^XA^FO10,10^A0N,20,20^FDx^FS" + cmd + "^FO20,20^FDy^FS" + cmd + "^XZ",
                    203);
            if (e.getValue().status == ZplCommandCatalog.Status.REPORTED) {
                assertThat(r.warnings()).as(cmd).containsExactly(cmd + " is not previewed (2 times)");
            } else {
                assertThat(r.warnings()).as(cmd).noneMatch(w -> w.contains(cmd.substring(1) + " ") && w.contains("unknown"));
            }
        }
    }

    @Test
    void everyBarcodeCommandInTheCatalogDrawsASymbol() {
        for (Map.Entry<String, ZplCommandCatalog.Entry> e : ZplCommandCatalog.all().entrySet()) {
            String cmd = e.getKey();
            if (!cmd.startsWith("^B") || cmd.equals("^BY")) {
                continue;
            }
            assertThat(e.getValue().status).as(cmd).isIn(ZplCommandCatalog.Status.RENDERED,
                    ZplCommandCatalog.Status.PARTLY);
            // ^BF's default mode 0 (1 column, 11 rows) holds 8 digits.
            String data = cmd.equals("^BQ") ? "QA,0123456789" : cmd.equals("^BT") ? "123456,SERIAL01"
                    : cmd.equals("^BF") ? "01234567" : cmd.equals("^B9") ? "1230000045"
                    : cmd.equals("^BS") ? "12" : cmd.equals("^BR") ? "0950110153000" : "0123456789";
            // ^BD's default mode 2 wants a postal address first; mode 4 takes any text.
            String params = cmd.equals("^BD") ? "4" : "";
            PreviewResult r = ZplPreview.render("^XA^FO20,20^BY2" + cmd + params + "^FD" + data + "^FS^XZ", 203);
            assertThat(r.warnings()).as(cmd).noneMatch(w -> w.contains("not previewed") || w.contains("unknown"));
            assertThat(r.drawnFields()).as(cmd).singleElement().matches(f -> f.kind() != DrawnField.Kind.TEXT);
        }
    }
}
