package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import file is read as spreadsheets and scripts write it (quotes, byte order mark, CRLF, blank trailing
 * lines) and every bad row is reported at its file line with its field, before anything could be sent.
 */
class ImportFileTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    @Test
    void aCsvWithBomCrlfQuotesAndBlankTrailingLinesReadsAsItsRowsAtTheirLines() throws Exception {
        Path p = file("skus.csv", "\uFEFFtenant,sku,name,unit,gtins,barcodes\r\n"
                + "acme,SKU-1,\"Tape, brown \"\"50 m\"\"\",EA,09501101530003|4006381333931,\r\n"
                + "acme,SKU-2,\"Two\",BOX,,B-2\r\n"
                + "\r\n"
                + "acme,SKU-3,Three,,,\r\n"
                + ",,,,,\r\n\r\n\r\n");
        ImportFile.Parsed parsed = ImportFile.read(p, ImportRows.Kind.SKUS, true, null);
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rows()).extracting(ImportFile.Row::line).containsExactly(2, 3, 5);
        Map<String, Object> first = parsed.rows().get(0).fields();
        assertThat(first).containsEntry("tenant", "acme").containsEntry("name", "Tape, brown \"50 m\"")
                .containsEntry("gtins", List.of("09501101530003", "4006381333931")).doesNotContainKey("barcodes");
        assertThat(parsed.rows().get(1).fields()).containsEntry("name", "Two")
                .containsEntry("barcodes", List.of("B-2"));
        assertThat(ImportRows.sku(parsed.rows().get(2).fields()).unit()).isEqualTo("EA");
    }

    @Test
    void everyBadRowIsReportedWithItsLineFieldAndProblem() throws Exception {
        Path p = file("skus.csv", "tenant,sku,name,gtins\n"
                + "acme,SKU-1,One,09501101530003\n"
                + "acme,SKU-2,Two,09501101530007\n"
                + "acme,,Three,\n"
                + "acme,SKU-4,Four,12345\n"
                + "acme,SKU-1,One again,\n");
        ImportFile.Parsed parsed = ImportFile.read(p, ImportRows.Kind.SKUS, true, null);
        assertThat(parsed.rows()).as("nothing to send from a file with a bad row").isEmpty();
        assertThat(parsed.errors()).extracting(e -> e.format("skus.csv")).containsExactly(
                "skus.csv line 3, field gtins: check digit should be 3, got 7 (GTIN 09501101530007)",
                "skus.csv line 4, field sku: is required",
                "skus.csv line 5, field gtins: a GTIN is 8, 12, 13 or 14 digits, got '12345'",
                "skus.csv line 6: the same sku as line 2 (each is imported once per file)");
    }

    @Test
    void aLineBreakInsideAQuotedFieldIsAProblemOfItsRowAndLaterRowsKeepTheirLines() throws Exception {
        Path p = file("skus.csv", "tenant,sku,name\r\nacme,S1,\"two\r\nlines\"\r\nacme,S2,ok\r\nacme,S3,\r\n");
        ImportFile.Parsed parsed = ImportFile.read(p, ImportRows.Kind.SKUS, true, null);
        assertThat(parsed.errors()).extracting(e -> e.format("skus.csv")).containsExactly(
                "skus.csv line 2, field name: contains control character 0xd at index 3",
                "skus.csv line 5, field name: is required");
    }

    @Test
    void anUnknownOrMissingColumnIsReportedAtTheHeader() throws Exception {
        Path p = file("locations.csv", "tenant,warehouse,bin\nacme,SH01,A-01\n");
        ImportFile.Parsed parsed = ImportFile.read(p, ImportRows.Kind.LOCATIONS, true, null);
        assertThat(parsed.errors()).extracting(e -> e.format("locations.csv")).containsExactly(
                "locations.csv line 1, field bin: unknown column; the columns of locations are "
                        + "tenant,warehouse,code,type,zone",
                "locations.csv line 1, field code: required column missing (header: tenant,warehouse,bin)");
    }

    @Test
    void csvOrderRowsOfOneOrderBecomeItsLinesAndALineProblemPointsAtItsOwnRow() throws Exception {
        Path p = file("orders.csv", "warehouse,orderNo,sku,qty,location\n"
                + "SH01,SO-1,SKU-1,2,A-01\n"
                + "SH01,SO-2,SKU-2,1,\n"
                + "SH01,SO-1,SKU-2,0,\n");
        ImportFile.Parsed bad = ImportFile.read(p, ImportRows.Kind.ORDERS, true, "acme");
        assertThat(bad.errors()).extracting(e -> e.format("orders.csv"))
                .containsExactly("orders.csv line 4, field qty: must be a whole number 1..1000000000, was '0'");

        Files.writeString(p, Files.readString(p).replace("SKU-2,0,", "SKU-2,5,"));
        ImportFile.Parsed good = ImportFile.read(p, ImportRows.Kind.ORDERS, true, "acme");
        assertThat(good.errors()).isEmpty();
        assertThat(good.rows()).hasSize(2);
        ImportFile.Row so1 = good.rows().get(0);
        assertThat(so1.lineOfLines()).containsExactly(2, 4);
        assertThat(ImportRows.orderRef(so1.fields())).isEqualTo(new OrderStore.Ref("acme", "SH01", "SO-1"));
        assertThat(ImportRows.orderLines(so1.fields())).containsExactly(
                new OrderStore.Line(1, "SKU-1", 2, "A-01", 0, 0), new OrderStore.Line(2, "SKU-2", 5, null, 0, 0));
    }

    @Test
    void jsonLinesAreOneObjectPerLineAndABrokenLineIsReportedAtItsLine() throws Exception {
        Path p = file("skus.jsonl",
                "{\"tenant\":\"acme\",\"sku\":\"S1\",\"name\":\"One\",\"gtins\":[\"09501101530003\"]}\n"
                + "\n"
                + "{\"tenant\":\"acme\",\"sku\":\"S2\",\"name\":\"Two\",\"gtin\":\"09501101530003\"}\n"
                + "{\"tenant\":\"acme\",\"sku\":\"S3\",\n");
        ImportFile.Parsed parsed = ImportFile.read(p, ImportRows.Kind.SKUS, false, null);
        assertThat(parsed.errors()).hasSize(2);
        assertThat(parsed.errors().get(0).format("skus.jsonl"))
                .startsWith("skus.jsonl line 3, field gtin: unknown field");
        assertThat(parsed.errors().get(1).format("skus.jsonl")).startsWith("skus.jsonl line 4: not JSON");

        Files.writeString(p, "{\"tenant\":\"acme\",\"sku\":\"S1\",\"name\":\"One\",\"gtins\":[\"09501101530003\"]}\r\n"
                + "{\"sku\":\"S2\",\"name\":\"Two\",\"gtins\":\"4006381333931\"}\r\n");
        ImportFile.Parsed good = ImportFile.read(p, ImportRows.Kind.SKUS, false, "acme");
        assertThat(good.errors()).isEmpty();
        assertThat(good.rows().get(1).fields()).containsEntry("tenant", "acme")
                .containsEntry("gtins", List.of("4006381333931"));
    }

    @Test
    void theExampleFilesOfImportMdAreGoodFiles() throws Exception {
        Path examples = Path.of("..", "docs", "examples", "import");
        for (ImportRows.Kind kind : ImportRows.Kind.values()) {
            for (String ext : List.of(".csv", ".jsonl")) {
                Path p = examples.resolve(kind.path + ext);
                if (!Files.exists(p)) {
                    assertThat(ext).as("every kind has a CSV example: " + p).isEqualTo(".jsonl");
                    continue;
                }
                ImportFile.Parsed parsed = ImportFile.read(p, kind, ext.equals(".csv"), null);
                assertThat(parsed.errors()).as(p.toString()).isEmpty();
                assertThat(parsed.rows()).as(p.toString()).isNotEmpty();
            }
        }
    }

    @Test
    void theDemoSampleFilesAreGoodFilesOfTheSizesTheReadmePromises() throws Exception {
        Path demo = Path.of("..", "docs", "examples", "demo");
        int[] found = new int[ImportRows.Kind.values().length];
        for (ImportRows.Kind kind : ImportRows.Kind.values()) {
            Path p = demo.resolve(kind.path + ".csv");
            ImportFile.Parsed parsed = ImportFile.read(p, kind, true, null);
            assertThat(parsed.errors()).as(p.toString()).isEmpty(); // GTIN check digits included
            found[kind.ordinal()] = parsed.rows().size();
        }
        assertThat(found).as("warehouses, SKUs, locations, orders (in Kind order)")
                .isEqualTo(countsInKindOrder(Map.of("warehouses", 1, "skus", 50, "locations", 40, "orders", 20)));
    }

    private static int[] countsInKindOrder(Map<String, Integer> byPath) {
        int[] out = new int[ImportRows.Kind.values().length];
        for (ImportRows.Kind kind : ImportRows.Kind.values()) {
            out[kind.ordinal()] = byPath.get(kind.path);
        }
        return out;
    }
}
