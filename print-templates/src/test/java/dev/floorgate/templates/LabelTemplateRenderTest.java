package dev.floorgate.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Typed fields: good values render canonically, bad or missing ones fail naming template and field. */
class LabelTemplateRenderTest {
    private static final TemplateCatalog CATALOG = TemplateCatalog.builtIn();
    private static final LabelTemplate SKU = CATALOG.find("sku-gtin").orElseThrow();
    private static final LabelTemplate PALLET = CATALOG.find("sscc-pallet").orElseThrow();

    @Test
    void builtInsDeclareTheirMetadata() {
        assertThat(CATALOG.all()).extracting(LabelTemplate::name).containsExactlyInAnyOrderElementsOf(
                TemplateCatalog.BUILT_IN_NAMES);
        LabelTemplate shipping = CATALOG.find("shipping-4x6").orElseThrow();
        assertThat(shipping.dpi()).isEqualTo(203);
        assertThat(shipping.widthDots()).isEqualTo(812);
        assertThat(shipping.heightDots()).isEqualTo(1218);
        assertThat(shipping.field("tracking").orElseThrow().type()).isEqualTo(FieldType.BARCODE);
        assertThat(shipping.field("note").orElseThrow().required()).isFalse();
        assertThat(shipping.field("note").orElseThrow().maxLength()).isEqualTo(120);
        assertThat(CATALOG.find("nope")).isEmpty();
        assertThat(CATALOG.find(null)).isEmpty();
    }

    @Test
    void copiesBecomePq() {
        assertThat(SKU.render(SKU.sampleData(), 25).zpl()).endsWith("^PQ25^XZ\n");
        RenderedLabel label = SKU.render(SKU.sampleData(), 3);
        assertThat(label.copies()).isEqualTo(3);
        assertThat(label.template()).isEqualTo("sku-gtin");
        assertThat(label.isRaw()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "100000000"})
    void copiesOutOfRangeAreRefused(int copies) {
        assertThatThrownBy(() -> SKU.render(SKU.sampleData(), copies))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("template 'sku-gtin': copies " + copies + " must be 1 to 99999999");
    }

    @Test
    void missingRequiredFieldIsNamed() {
        Map<String, String> data = new HashMap<>(SKU.sampleData());
        data.remove("gtin");
        assertThatThrownBy(() -> SKU.render(data, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("template 'sku-gtin': field 'gtin' (gtin) is required");
        data.put("gtin", "");
        assertThatThrownBy(() -> SKU.render(data, 1)).hasMessage("template 'sku-gtin': field 'gtin' (gtin) is required");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "gtin|09501101530004|template 'sku-gtin': field 'gtin' (gtin): GTIN 09501101530004 has a wrong check digit (expected 3)",
        "gtin|95011015300|template 'sku-gtin': field 'gtin' (gtin): '95011015300' is not a GTIN (8, 12, 13 or 14 digits)",
        "expiry|2026-02-30|template 'sku-gtin': field 'expiry' (date): '2026-02-30' is not a date in the form yyyy-MM-dd",
        "expiry|31.12.2026|template 'sku-gtin': field 'expiry' (date): '31.12.2026' is not a date in the form yyyy-MM-dd",
        "sku|SKU-ÄÖÜ|template 'sku-gtin': field 'sku' (barcode): character U+00C4 at position 5 is not printable ASCII, which barcode data must be",
        "sku|SKU-123456789012345678|template 'sku-gtin': field 'sku' (barcode): value of 22 characters exceeds max length 20",
        "batch|AB^C|template 'sku-gtin': field 'batch' (text): not valid for GS1 AI (10):"})
    void badValueIsNamedWithItsField(String field, String value, String message) {
        Map<String, String> data = new HashMap<>(SKU.sampleData());
        data.put(field, value);
        assertThatThrownBy(() -> SKU.render(data, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void integerAndSsccAreCanonicalised() {
        Map<String, String> data = new HashMap<>(PALLET.sampleData());
        data.put("sscc", " 10614141123456789 ");
        data.put("count", "+0048");
        String zpl = PALLET.render(data, 1).zpl();
        assertThat(zpl).contains("^FH^FD106141411234567897^FS").contains("^FH^FD48^FS")
                .contains("^FH^FD>;>800106141411234567897^FS");
        data.put("count", "4x");
        assertThatThrownBy(() -> PALLET.render(data, 1))
                .hasMessage("template 'sscc-pallet': field 'count' (integer): '4x' is not an integer (digits with an "
                        + "optional sign, at most 18)");
        data.put("count", "-3");
        assertThatThrownBy(() -> PALLET.render(data, 1))
                .hasMessage("template 'sscc-pallet': field 'count' (integer): a negative number cannot go into a GS1 "
                        + "element");
        data.put("count", "48");
        data.put("sscc", "106141411234567890");
        assertThatThrownBy(() -> PALLET.render(data, 1))
                .hasMessage("template 'sscc-pallet': field 'sscc' (sscc): SSCC 106141411234567890 has a wrong check "
                        + "digit (expected 7)");
    }

    @Test
    void shorterGtinIsPaddedForGs1AndOptionalElementsAreLeftOut() {
        Map<String, String> data = new HashMap<>(SKU.sampleData());
        data.put("gtin", "9501101530003");
        data.remove("expiry");
        data.remove("batch");
        String zpl = SKU.render(data, 1).zpl();
        assertThat(zpl).contains("^BCN,130,N,N,N,A^FH^FD>;>80109501101530003^FS")
                .contains("^FH^FD_2801_2909501101530003^FS");
    }

    @Test
    void fieldsWhoseOptionalValuesAreAllEmptyAreLeftOut() {
        Map<String, String> data = new HashMap<>();
        data.put("from_name", "W1");
        data.put("to_name", "Customer");
        data.put("sscc", "106141411234567897");
        String zpl = PALLET.render(data, 1).zpl();

        assertThat(zpl).doesNotContain("${").doesNotContain(">;>802").contains(">;>800106141411234567897")
                .contains("^FO30,320^A0N,24,24^FDCONTENT^FS\n^FO420,320");
        PreviewResult preview = ZplPreview.render(zpl, 203);
        assertThat(preview.warnings()).isEmpty();
        assertThat(BarcodeDecoding.decodeAll(preview)).containsExactly("]C100106141411234567897");
    }

    @Test
    void unknownKeysAreIgnoredAndSamplesFillThePreview() {
        Map<String, String> data = new HashMap<>(SKU.sampleData());
        data.put("unrelated", "^XZ");
        assertThat(SKU.render(data, 1).zpl()).isEqualTo(SKU.render(SKU.sampleData(), 1).zpl());

        PreviewResult preview = SKU.preview(Map.of("sku", "SKU-77"));
        assertThat(preview.drawnFields()).contains(new DrawnField(DrawnField.Kind.TEXT, 30, 20, "SKU-77"));
    }

    @Test
    void rawZplPassesThroughUntouched() {
        String carrier = "^XA^FO10,10^GFA,8,8,1,FF00FF00FF00FF00^FS^FO50,50^A0N,30,30^FDcarrier^FS^PQ2^XZ";
        RenderedLabel raw = RenderedLabel.raw(carrier);
        assertThat(raw.zpl()).isSameAs(carrier);
        assertThat(raw.isRaw()).isTrue();
        assertThat(raw.copies()).isEqualTo(1);
        assertThat(ZplPreview.render(raw.zpl(), 203).drawnFields()).extracting(DrawnField::kind)
                .containsExactly(DrawnField.Kind.GRAPHIC, DrawnField.Kind.TEXT);
        assertThatThrownBy(() -> RenderedLabel.raw("")).hasMessage("raw ZPL is empty");
        assertThatThrownBy(() -> RenderedLabel.raw("x".repeat(RenderedLabel.MAX_RAW_CHARS + 1)))
                .hasMessage("raw ZPL of 1048577 characters exceeds 1048576");
    }

    @Test
    void templateFieldChecksItsOwnDefinition() {
        assertThatThrownBy(() -> new TemplateField("1st", FieldType.TEXT, true, 0))
                .hasMessageContaining("field name '1st'");
        assertThatThrownBy(() -> new TemplateField("a", FieldType.TEXT, true, 3073))
                .hasMessage("field 'a': max length 3073 must be 1 to 3072");
        assertThatThrownBy(() -> new TemplateField("a", FieldType.TEXT, true, 0, "dd.MM"))
                .hasMessage("field 'a': format applies to date and gateway-time fields only, not text");
        assertThatThrownBy(() -> new TemplateField("a", FieldType.DATE, true, 0, "ppp{"))
                .hasMessageStartingWith("field 'a': bad date format 'ppp{'");
        assertThat(new TemplateField("a", FieldType.QR, false, 0).maxLength()).isEqualTo(1000);
        assertThat(FieldType.fromKeyword("GTIN")).isEqualTo(FieldType.GTIN);
    }
}
