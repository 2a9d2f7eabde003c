package dev.floorgate.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import dev.floorgate.barcodes.Gs1Element;
import dev.floorgate.barcodes.Gs1Encoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every built-in template: its sample data renders to exactly the golden ZPL, and the preview of that ZPL
 * decodes back, barcode by barcode, to the data that went in.
 *
 * <p>After an intended change to a built-in, regenerate the golden files with
 * {@code mvn -pl print-templates test -Dtest=BuiltInTemplatesTest -Dgolden.update=true} and review the diff.
 */
class BuiltInTemplatesTest {
    private static final TemplateCatalog CATALOG = TemplateCatalog.builtIn();

    static List<String> builtIns() {
        return TemplateCatalog.BUILT_IN_NAMES;
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void sampleDataRendersToTheGoldenZpl(String name) throws IOException {
        LabelTemplate template = CATALOG.find(name).orElseThrow();
        String zpl = template.render(template.sampleData(), 2).zpl();
        String resource = "/golden/" + name + ".zpl";
        if (Boolean.getBoolean("golden.update")) {
            Path file = Path.of("src/test/resources" + resource);
            Files.createDirectories(file.getParent());
            Files.writeString(file, zpl, StandardCharsets.UTF_8);
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(zpl);
        } else {
            try (InputStream in = getClass().getResourceAsStream(resource)) {
                assertThat(in).as("golden file %s", resource).isNotNull();
                assertThat(zpl).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(zpl).startsWith("^XA^CI28").endsWith("^PQ2^XZ\n");
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void previewAt203DpiDecodesBackToTheData(String name) {
        LabelTemplate template = CATALOG.find(name).orElseThrow();
        PreviewResult preview = template.preview(Map.of());

        assertThat(preview.widthPx()).isEqualTo(template.widthDots());
        assertThat(preview.heightPx()).isEqualTo(template.heightDots());
        assertThat(preview.labelCount()).isEqualTo(1);
        assertThat(preview.warnings()).isEmpty();
        List<String> expected = expectedBarcodes(name, template.sampleData());
        assertThat(BarcodeDecoding.decodeAll(preview)).containsExactlyInAnyOrderElementsOf(expected);
        // The whole label at once, as a multi-symbol reader sees it.
        assertThat(BarcodeDecoding.decodeAll(preview.png(), EnumSet.of(BarcodeFormat.CODE_128,
                BarcodeFormat.QR_CODE))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"shipping-4x6", "sscc-pallet", "pda-enrollment"})
    void previewAt300DpiDecodesBackToTheData(String name) {
        LabelTemplate template = CATALOG.find(name).orElseThrow();
        String zpl = template.render(template.sampleData(), 1).zpl();

        PreviewResult preview = ZplPreview.render(zpl, 300, 1219, 1828);

        assertThat(preview.widthPx()).isEqualTo(1219);
        assertThat(preview.heightPx()).isEqualTo(1828);
        assertThat(BarcodeDecoding.decodeAll(preview)).containsExactlyInAnyOrderElementsOf(
                expectedBarcodes(name, template.sampleData()));
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void previewShowsEveryTextValueLiterally(String name) {
        LabelTemplate template = CATALOG.find(name).orElseThrow();
        PreviewResult preview = template.preview(Map.of());
        List<String> texts = new ArrayList<>();
        for (DrawnField f : preview.drawnFields()) {
            if (f.kind() == DrawnField.Kind.TEXT) {
                texts.add(f.data());
            }
        }
        for (TemplateField field : template.fields()) {
            if (field.type() == FieldType.TEXT) {
                String value = template.sampleData().get(field.name());
                assertThat(texts).as("text field %s", field.name()).anyMatch(t -> t.contains(value));
            }
        }
    }

    /** What a GS1-aware scanner reads from each built-in's barcodes for the given data. */
    static List<String> expectedBarcodes(String name, Map<String, String> data) {
        switch (name) {
            case "shipping-4x6":
                return List.of(data.get("tracking"), data.get("order"));
            case "sku-gtin":
                return List.of(gs1(new Gs1Element("01", data.get("gtin")),
                        new Gs1Element("17", data.get("expiry").substring(2).replace("-", "")),
                        new Gs1Element("10", data.get("batch"))), data.get("sku"));
            case "bin-location":
                return List.of(data.get("bin"));
            case "sscc-pallet":
                return List.of(gs1(new Gs1Element("00", data.get("sscc"))),
                        gs1(new Gs1Element("02", data.get("content_gtin")), new Gs1Element("37", data.get("count")),
                                new Gs1Element("15", data.get("best_before").substring(2).replace("-", "")),
                                new Gs1Element("10", data.get("batch"))));
            case "pda-enrollment":
                return List.of(data.get("enroll_uri"));
            case "parcel-intake":
                return List.of(data.get("parcel"));
            default:
                throw new AssertionError("no expectation for " + name);
        }
    }

    /** GS1-128 as zxing reads it with ASSUME_GS1: "]C1", then the element string with GS separators. */
    static String gs1(Gs1Element... elements) {
        return "]C1" + Gs1Encoder.elementString(List.of(elements));
    }
}
