package dev.floorgate.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Site templates from fg.templates-dir: a good directory loads; each kind of bad file is named with its line. */
class SiteTemplateLoadingTest {
    @TempDir
    Path dir;

    /** A valid template; line numbers below refer to it. */
    private static final String GOOD = String.join("\n",
            "# description: Returns label", //                                   1
            "# dpi: 203", //                                                     2
            "# size: 4x2 in", //                                                 3
            "# field: rma text required max=20 sample=RMA-0001", //              4
            "# field: qty integer optional sample=3", //                         5
            "# field: received date optional format=dd.MM.yyyy sample=2025-01-31", // 6
            "## free comment", //                                                7
            "^XA", //                                                            8
            "^FO40,40^A0N,40,40^FDRMA ${rma}^FS", //                            9
            "^FO40,100^A0N,30,30^FDQty ${qty} received ${received}^FS", //      10
            "^FO40,150^BY2^BCN,80,Y,N,N^FD${rma}^FS", //                        11
            "^XZ", //                                                            12
            "");

    @Test
    void goodDirectoryLoadsNextToTheBuiltIns() throws IOException {
        write("returns.zpl", GOOD);
        write("notes.txt", "not a template");
        Files.createDirectories(dir.resolve("archive"));
        write("archive/old.zpl", "garbage that is never read");

        TemplateCatalog catalog = TemplateCatalog.withSiteDirectory(dir);

        assertThat(catalog.all()).extracting(LabelTemplate::name)
                .containsExactly("bin-location", "parcel-intake", "pda-enrollment", "returns", "shipping-4x6",
                        "sku-gtin", "sscc-pallet");
        LabelTemplate returns = catalog.find("returns").orElseThrow();
        assertThat(returns.description()).isEqualTo("Returns label");
        assertThat(returns.widthDots()).isEqualTo(812);
        assertThat(returns.heightDots()).isEqualTo(406);
        assertThat(returns.source()).isEqualTo(dir.resolve("returns.zpl").toString());
        assertThat(returns.fields()).containsExactly(new TemplateField("rma", FieldType.TEXT, true, 20),
                new TemplateField("qty", FieldType.INTEGER, false, 0),
                new TemplateField("received", FieldType.DATE, false, 0, "dd.MM.yyyy"));
        assertThat(returns.render(Map.of("rma", "RMA-7", "qty", "+012", "received", "2025-02-03"), 1).zpl())
                .contains("^FDRMA ${rma}".replace("${rma}", "RMA_2D7"))
                .contains("^FH^FDQty 12 received 03_2E02_2E2025^FS");
        PreviewResult preview = returns.preview(Map.of("rma", "RMA-42"));
        assertThat(BarcodeDecoding.decodeAll(preview)).containsExactly("RMA-42");
    }

    @Test
    void siteTemplateReplacesTheBuiltInOfTheSameName() throws IOException {
        write("shipping-4x6.zpl", GOOD);

        TemplateCatalog catalog = TemplateCatalog.withSiteDirectory(dir);

        LabelTemplate shipping = catalog.find("shipping-4x6").orElseThrow();
        assertThat(shipping.source()).endsWith("shipping-4x6.zpl");
        assertThat(shipping.field("rma")).isPresent();
        assertThat(TemplateCatalog.builtIn().find("shipping-4x6").orElseThrow().source())
                .isEqualTo("builtin:shipping-4x6");
    }

    @Test
    void valuesKeepTheirMeaningInEverySymbology() throws IOException {
        write("symbols.zpl", String.join("\n",
                "# size: 4x6 in",
                "# field: note text required sample=x",
                "# field: part barcode required sample=X",
                "# field: code39 barcode required sample=X",
                "# field: gtin gtin required sample=5901234123457",
                "# field: link qr required sample=x",
                "^XA",
                "^FO40,40^A0N,30,30^FH\\^FDNote: ${note}^FS",
                "^FO40,100^BXN,8,200^FD${part}^FS",
                "^FO40,400^BY2^B3N,N,100,Y,N^FD${code39}^FS",
                "^FO40,600^BY2^BEN,100,Y,N^FD${gtin}^FS",
                "^FO400,100^BQN,2,5^FDQA,${link}^FS",
                "^XZ", ""));
        LabelTemplate t = TemplateCatalog.withSiteDirectory(dir).find("symbols").orElseThrow();
        Map<String, String> data = Map.of("note", "50% off \\ _5E ^XZ", "part", "P_1N_d065__",
                "code39", "ABC-12 $/+%", "gtin", "4006381333931", "link", "https://x.example/?a=1&b=,_^~");

        String zpl = t.render(data, 1).zpl();
        PreviewResult preview = ZplPreview.render(zpl, 203);

        assertThat(zpl).contains("^FH\\^FDNote: 50\\25 off \\5C \\5F5E \\5EXZ^FS")
                .contains("^FH^FDP_5F_5F1N_5F_5Fd065_5F_5F_5F_5F^FS")
                .contains("^FH^FD400638133393^FS");
        assertThat(preview.warnings()).isEmpty();
        assertThat(preview.drawnFields()).extracting(DrawnField::data).startsWith("Note: " + data.get("note"));
        assertThat(BarcodeDecoding.decodeAll(preview)).containsExactly(data.get("part"), data.get("code39"),
                data.get("gtin"), data.get("link"));
        assertThatThrownBy(() -> t.render(Map.of("note", "n", "part", "p", "code39", "lower", "gtin",
                "5901234123457", "link", "l"), 1))
                .hasMessage("template 'symbols': field 'code39' (barcode): character 'l' at position 1 is not in "
                        + "Code 39 (0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%)");
        assertThatThrownBy(() -> t.render(Map.of("note", "n", "part", "p", "code39", "A", "gtin", "95012346",
                "link", "l"), 1))
                .hasMessageStartingWith("template 'symbols': field 'gtin' (gtin): '95012346' cannot be drawn as EAN-13");
    }

    static Stream<Arguments> badTemplates() {
        return Stream.of(
                Arguments.of("unknown placeholder", GOOD.replace("^FDRMA ${rma}", "^FDRMA ${rmx}"), 9,
                        "unknown field placeholder ${rmx}; declared fields: rma, qty, received"),
                Arguments.of("missing ^XA", GOOD.replace("^XA\n", ""), 8, "missing ^XA"),
                Arguments.of("missing ^XZ", GOOD.replace("^XZ\n", ""), 11,
                        "missing ^XZ: the label format opened at line 8 is never closed"),
                Arguments.of("unknown header key", GOOD.replace("# dpi: 203", "# dpii: 203"), 2,
                        "unknown header key 'dpii'"),
                Arguments.of("bad dpi", GOOD.replace("# dpi: 203", "# dpi: 250"), 2, "bad dpi '250'"),
                Arguments.of("bad size", GOOD.replace("# size: 4x2 in", "# size: 4 by 2"), 3, "bad size '4 by 2'"),
                Arguments.of("size too large", GOOD.replace("# size: 4x2 in", "# size: 14x2 in"), 3,
                        "must be between 1 x 1 and 2438 x 4876"),
                Arguments.of("missing size", GOOD.replace("# size: 4x2 in\n", ""), 7, "missing '# size:"),
                Arguments.of("unknown field type", GOOD.replace("qty integer", "qty number"), 5,
                        "unknown field type 'number' (use text, integer, date, gtin, sscc, barcode, qr, gateway-time)"),
                Arguments.of("bad sample", GOOD.replace("sample=3", "sample=three"), 5,
                        "field 'qty' (integer): 'three' is not an integer"),
                Arguments.of("required without sample", GOOD.replace(" sample=RMA-0001", ""), 4,
                        "required field 'rma' needs a sample=VALUE"),
                Arguments.of("duplicate field", GOOD.replace("# field: qty integer optional sample=3",
                        "# field: rma integer optional sample=3"), 5, "field 'rma' declared twice (first at line 4)"),
                Arguments.of("header line without key", GOOD.replace("## free comment", "# free comment"), 7,
                        "header line must be '# key: value'"),
                Arguments.of("placeholder outside field data", GOOD.replace("^FO40,100", "^FO${qty},100"), 10,
                        "placeholder in ^FO parameters"),
                Arguments.of("two label formats", GOOD + "^XA^FO1,1^FDx^FS^XZ\n", 13, "more than one label format"),
                Arguments.of("text after ^XZ", GOOD + "trailing words\n", 13, "text after ^XZ"),
                Arguments.of("other character set", GOOD.replace("^XA\n", "^XA^CI0\n"), 8, "^CI0: templates must use ^CI28"),
                Arguments.of("field never used", GOOD.replace("^FDQty ${qty} received ${received}", "^FDQty ${qty}"),
                        6, "field 'received' is declared but no placeholder uses it"),
                Arguments.of("unclosed placeholder", GOOD.replace("^FDRMA ${rma}", "^FDRMA ${rma"), 9,
                        "unclosed placeholder"),
                Arguments.of("control character", GOOD.replace("^FDRMA ", "^FDRMA \u0003"), 9,
                        "control character 0x03"),
                Arguments.of("print width disagrees with size", GOOD.replace("^XA\n", "^XA\n^PW600\n"), 9,
                        "^PW600 disagrees with '# size: 4x2 in' (812 dots wide at 203 dpi)"),
                Arguments.of("QR without switches", GOOD.replace("^FO40,150^BY2^BCN,80,Y,N,N^FD${rma}",
                        "^FO40,150^BQN,2,4^FD${rma}"), 11, "must start with the QR switches"),
                Arguments.of("GS1 without automatic mode", GOOD.replace("^FD${rma}^FS\n^XZ", "^FD${gs1:10=rma}^FS\n^XZ"),
                        11, "needs ^BC in automatic mode"),
                Arguments.of("bad template name", GOOD.replace("# description", "# name: Returns Label\n# description"),
                        1, "bad template name 'Returns Label'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTemplates")
    void badTemplateFailsNamingFileLineAndProblem(String kind, String content, int line, String problem)
            throws IOException {
        write("ok.zpl", GOOD);
        write("bad.zpl", content);

        assertThatThrownBy(() -> TemplateCatalog.withSiteDirectory(dir))
                .isInstanceOfSatisfying(TemplateLoadException.class, e -> {
                    assertThat(e.file()).isEqualTo(dir.resolve("bad.zpl"));
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.problem()).contains(problem);
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.getMessage()).startsWith("site template " + dir.resolve("bad.zpl") + " line " + line
                            + ": ");
                });
    }

    @Test
    void duplicateNameIsAnError() throws IOException {
        write("a.zpl", "# name: returns\n" + GOOD);
        write("b.zpl", "# name: returns\n" + GOOD);

        assertThatThrownBy(() -> TemplateCatalog.withSiteDirectory(dir))
                .isInstanceOfSatisfying(TemplateLoadException.class, e -> {
                    assertThat(e.file()).isEqualTo(dir.resolve("b.zpl"));
                    assertThat(e.problem()).isEqualTo("duplicate template name 'returns', already defined by "
                            + dir.resolve("a.zpl"));
                });
    }

    @Test
    void everyBadFileIsReportedAtOnce() throws IOException {
        write("a.zpl", GOOD.replace("^XZ\n", ""));
        write("b.zpl", GOOD.replace("# dpi: 203", "# dpi: x"));
        write("c.zpl", GOOD);
        write("Bad Name.zpl", GOOD);

        assertThatThrownBy(() -> TemplateCatalog.withSiteDirectory(dir))
                .isInstanceOfSatisfying(TemplateLoadException.class, e -> {
                    assertThat(e.problems()).extracting(p -> p.file().getFileName().toString())
                            .containsExactly("Bad Name.zpl", "a.zpl", "b.zpl");
                    assertThat(e.problems().get(0).line()).isZero();
                    assertThat(e.problems().get(0).message()).contains("file name gives the template name 'Bad Name'");
                    assertThat(e.getMessage()).contains("(2 more: ");
                });
    }

    @Test
    void fileThatIsNotUtf8OrTooLargeIsRefused() throws IOException {
        Files.write(dir.resolve("latin1.zpl"), GOOD.replace("Returns label", "Retour étiquette")
                .getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(dir.resolve("huge.zpl"), GOOD + "^FX" + "x".repeat(TemplateCatalog.MAX_TEMPLATE_BYTES));

        long hugeSize = Files.size(dir.resolve("huge.zpl"));

        assertThatThrownBy(() -> TemplateCatalog.withSiteDirectory(dir))
                .isInstanceOfSatisfying(TemplateLoadException.class, e -> assertThat(e.problems())
                        .extracting(TemplateLoadException.Problem::message)
                        .containsExactly("file of " + hugeSize + " bytes exceeds 262144 bytes", "not valid UTF-8"));
    }

    @Test
    void missingDirectoryIsAnIoError() {
        assertThatThrownBy(() -> TemplateCatalog.withSiteDirectory(dir.resolve("nope")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("fg.templates-dir");
    }

    private void write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
