package dev.floorgate.pda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scanner intents as tables: the extras a DataWedge or Honeywell intent carries (PROTOCOLS.md section 8), in
 * as a map, and the scan they mean out: data, AIM id, GS1 or not, and the GS1 fields.
 */
class ScanIntentsTest {
    private static final String DW = "com.symbol.datawedge.";
    private static final String LEGACY = "com.motorolasolutions.emdk.datawedge.";
    private static final String GS = "\u001d";
    /** GTIN 09501101530003 (check digit 3), expiry 2025-12-31, batch ABC123. */
    private static final String GS1_GTIN_EXPIRY_BATCH = "01095011015300031725123110ABC123";

    private static Map<String, Object> extras(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static List<byte[]> decodeData(String... parts) {
        List<byte[]> out = new ArrayList<>(); // DataWedge sends an ArrayList<byte[]>
        for (String p : parts) {
            out.add(p.getBytes(StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    /** extras, expected data, AIM id, gs1, gtin, batch, expiry. */
    static List<Arguments> dataWedge() {
        List<Arguments> t = new ArrayList<>();
        t.add(Arguments.of("GS1-128", extras(DW + "source", "scanner", DW + "label_type", "LABEL-TYPE-EAN128",
                DW + "data_string", GS1_GTIN_EXPIRY_BATCH, DW + "decode_data", decodeData(GS1_GTIN_EXPIRY_BATCH),
                DW + "decoded_mode", "single_decode"),
                GS1_GTIN_EXPIRY_BATCH, "]C1", true, "09501101530003", "ABC123", "2025-12-31"));
        t.add(Arguments.of("GS1 DataMatrix with a GS after the batch", extras(DW + "label_type",
                "LABEL-TYPE-GS1-DATAMATRIX", DW + "data_string", "010950110153000310LOT-7" + GS + "17261130"),
                "010950110153000310LOT-7" + GS + "17261130", "]d2", true, "09501101530003", "LOT-7", "2026-11-30"));
        t.add(Arguments.of("GS1 DataMatrix read with the GS1 decoder off", extras(DW + "label_type",
                "LABEL-TYPE-DATAMATRIX", DW + "data_string", "10B1" + GS + "0109501101530003"),
                "10B1" + GS + "0109501101530003", "]d2", true, "09501101530003", "B1", null));
        t.add(Arguments.of("plain Code 128 (a bin label)", extras(DW + "label_type", "LABEL-TYPE-CODE128",
                DW + "data_string", "A-01-03"), "A-01-03", "]C0", false, null, null, null));
        t.add(Arguments.of("plain Data Matrix with no GS", extras(DW + "label_type", "LABEL-TYPE-DATAMATRIX",
                DW + "data_string", "TOTE-0042"), "TOTE-0042", "]d1", false, null, null, null));
        t.add(Arguments.of("QR with a URL", extras(DW + "label_type", "LABEL-TYPE-QRCODE", DW + "data_string",
                "https://example.com/order/SO-991"), "https://example.com/order/SO-991", "]Q1", false, null, null,
                null));
        t.add(Arguments.of("GS1 QR", extras(DW + "label_type", "LABEL-TYPE-GS1-QRCODE", DW + "data_string",
                "0109501101530003"), "0109501101530003", "]Q3", true, "09501101530003", null, null));
        t.add(Arguments.of("old com.motorolasolutions keys", extras(LEGACY + "source", "scanner",
                LEGACY + "label_type", "LABEL-TYPE-EAN128", LEGACY + "data_string", GS1_GTIN_EXPIRY_BATCH),
                GS1_GTIN_EXPIRY_BATCH, "]C1", true, "09501101530003", "ABC123", "2025-12-31"));
        t.add(Arguments.of("decode_data bytes with a GS and no data_string", extras(DW + "label_type",
                "LABEL-TYPE-EAN128", DW + "decode_data", decodeData("10ABC123", GS + "0109501101530003")),
                "10ABC123" + GS + "0109501101530003", "]C1", true, "09501101530003", "ABC123", null));
        t.add(Arguments.of("an AIM id sent by the reader is taken off", extras(DW + "label_type",
                "LABEL-TYPE-CODE128", DW + "data_string", "]C1" + GS1_GTIN_EXPIRY_BATCH),
                GS1_GTIN_EXPIRY_BATCH, "]C1", true, "09501101530003", "ABC123", "2025-12-31"));
        t.add(Arguments.of("an Enter suffix is taken off", extras(DW + "label_type", "LABEL-TYPE-CODE128",
                DW + "data_string", "A-01-03\n"), "A-01-03", "]C0", false, null, null, null));
        t.add(Arguments.of("EAN-13 is no element string", extras(DW + "label_type", "LABEL-TYPE-EAN13",
                DW + "data_string", "9501101530003"), "9501101530003", "]E0", false, null, null, null));
        t.add(Arguments.of("an unknown label type keeps no AIM id", extras(DW + "label_type",
                "LABEL-TYPE-NEWTHING", DW + "data_string", "XYZ"), "XYZ", null, false, null, null, null));
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataWedge")
    void readsDataWedgeIntents(String name, Map<String, Object> extras, String data, String aimId, boolean gs1,
            String gtin, String batch, String expiry) {
        ScanData scan = ScanIntents.fromDataWedge(extras);
        assertThat(scan.source()).isEqualTo(ScanData.Source.DATAWEDGE);
        check(scan, data, aimId, gs1, gtin, batch, expiry);
        assertThat(ScanIntents.fromAnyScanner(extras).data()).isEqualTo(data);
    }

    /** extras, expected data, AIM id, gs1, gtin, batch, expiry. */
    static List<Arguments> honeywell() {
        List<Arguments> t = new ArrayList<>();
        t.add(Arguments.of("GS1-128 with aimId", extras("version", 1, "data", GS1_GTIN_EXPIRY_BATCH, "dataBytes",
                GS1_GTIN_EXPIRY_BATCH.getBytes(StandardCharsets.US_ASCII), "codeId", "I", "aimId", "]C1",
                "charset", "ISO-8859-1", "timestamp", "2026-11-22T08:15:30.120"),
                GS1_GTIN_EXPIRY_BATCH, "]C1", true, "09501101530003", "ABC123", "2025-12-31"));
        t.add(Arguments.of("GS1 DataMatrix from dataBytes with a GS", extras("version", 1, "dataBytes",
                ("10ABC123" + GS + "0109501101530003").getBytes(StandardCharsets.US_ASCII), "codeId", "w",
                "aimId", "]d2"), "10ABC123" + GS + "0109501101530003", "]d2", true, "09501101530003", "ABC123",
                null));
        t.add(Arguments.of("Code 128 without aimId: from the code id", extras("version", 1, "data", "A-01-03",
                "codeId", "j"), "A-01-03", "]C0", false, null, null, null));
        t.add(Arguments.of("QR", extras("version", 1, "data", "HELLO", "codeId", "s", "aimId", "]Q1"), "HELLO",
                "]Q1", false, null, null, null));
        t.add(Arguments.of("bytes in the named charset", extras("version", 1, "dataBytes",
                "Größe".getBytes(StandardCharsets.ISO_8859_1), "charset", "ISO-8859-1", "aimId", "]Q1"),
                "Größe", "]Q1", false, null, null, null));
        t.add(Arguments.of("UTF-8 bytes without a charset", extras("dataBytes",
                "Größe".getBytes(StandardCharsets.UTF_8), "aimId", "]Q1"), "Größe", "]Q1", false, null, null, null));
        t.add(Arguments.of("a Character code id", extras("data", "0109501101530003", "codeId", 'I'),
                "0109501101530003", "]C1", true, "09501101530003", null, null));
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("honeywell")
    void readsHoneywellIntents(String name, Map<String, Object> extras, String data, String aimId, boolean gs1,
            String gtin, String batch, String expiry) {
        ScanData scan = ScanIntents.fromHoneywell(extras);
        assertThat(scan.source()).isEqualTo(ScanData.Source.HONEYWELL);
        check(scan, data, aimId, gs1, gtin, batch, expiry);
        assertThat(ScanIntents.fromAnyScanner(extras).source()).isEqualTo(ScanData.Source.HONEYWELL);
    }

    private static void check(ScanData scan, String data, String aimId, boolean gs1, String gtin, String batch,
            String expiry) {
        assertThat(scan.data()).isEqualTo(data);
        assertThat(scan.aimId()).isEqualTo(aimId);
        assertThat(scan.gs1()).isEqualTo(gs1);
        assertThat(scan.scanText()).isEqualTo(aimId == null ? data : aimId + data);
        if (gs1) {
            assertThat(scan.gs1Problem()).isNull();
            assertThat(scan.gs1Data()).isNotNull();
            assertThat(scan.gs1Data().gtin()).isEqualTo(gtin);
            assertThat(scan.gs1Data().batch()).isEqualTo(batch);
            assertThat(scan.gs1Data().expiry()).isEqualTo(expiry == null ? null : LocalDate.parse(expiry));
        } else {
            assertThat(scan.gs1Data()).isNull();
        }
    }

    @Test
    void rawBytesAreKeptAsDeliveredAndTheSymbologyIsNamed() {
        ScanData scan = ScanIntents.fromDataWedge(extras(DW + "label_type", "LABEL-TYPE-EAN128",
                DW + "decode_data", decodeData("10ABC123", GS + "0109501101530003")));
        assertThat(scan.raw()).isEqualTo(("10ABC123" + GS + "0109501101530003").getBytes(StandardCharsets.US_ASCII));
        assertThat(scan.symbology()).isEqualTo("GS1-128");
        assertThat(scan.readerSymbology()).isEqualTo("LABEL-TYPE-EAN128");
        assertThat(scan.toString()).contains("<GS>");
        ScanData code128 = ScanIntents.fromDataWedge(extras(DW + "label_type", "LABEL-TYPE-CODE128",
                DW + "data_string", "A-01-03"));
        assertThat(code128.raw()).isEqualTo("A-01-03".getBytes(StandardCharsets.UTF_8));
        assertThat(code128.symbology()).isEqualTo("Code 128");
    }

    @Test
    void anInvalidGs1ScanSaysWhyAndKeepsItsData() {
        ScanData scan = ScanIntents.fromDataWedge(extras(DW + "label_type", "LABEL-TYPE-EAN128",
                DW + "data_string", "0109501101530004"));
        assertThat(scan.gs1()).isTrue();
        assertThat(scan.gs1Data()).isNull();
        assertThat(scan.gs1Problem()).isEqualTo("AI (01): check digit 4 does not match computed 3 in 09501101530004");
        assertThat(scan.data()).isEqualTo("0109501101530004");
    }

    @Test
    void aMultipleDecodeGivesEveryBarcode() {
        Map<String, Object> first = extras(DW + "label_type", "LABEL-TYPE-CODE128", DW + "data_string", "A-01-03");
        Map<String, Object> second = extras("label_type", "LABEL-TYPE-EAN128", "data_string", "0109501101530003");
        Map<String, Object> intent = extras(DW + "decoded_mode", "multiple_decode", DW + "barcodes",
                Arrays.asList(first, second), DW + "data_dispatch_time", 1732263330120L);
        List<ScanData> all = ScanIntents.allFromDataWedge(intent);
        assertThat(all).hasSize(2);
        assertThat(all.get(0).aimId()).isEqualTo("]C0");
        assertThat(all.get(1).gs1Data().gtin()).isEqualTo("09501101530003");
        assertThat(all.get(1).timestamp()).isEqualTo("1732263330120");
        assertThat(ScanIntents.fromDataWedge(intent).data()).isEqualTo("A-01-03");
    }

    @Test
    void extrasWithoutDataAreRefusedNamingTheKeys() {
        assertThatThrownBy(() -> ScanIntents.fromDataWedge(extras(DW + "label_type", "LABEL-TYPE-CODE128")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("com.symbol.datawedge.data_string")
                .hasMessageContaining("keys present: [com.symbol.datawedge.label_type]");
        assertThatThrownBy(() -> ScanIntents.fromHoneywell(extras("version", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither 'data' nor 'dataBytes'");
    }
}
