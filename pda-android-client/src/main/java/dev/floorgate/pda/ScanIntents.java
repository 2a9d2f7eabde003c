package dev.floorgate.pda;

import dev.floorgate.barcodes.AimSymbology;
import dev.floorgate.barcodes.Gs1Data;
import dev.floorgate.barcodes.Gs1ParseException;
import dev.floorgate.barcodes.Gs1Parser;
import dev.floorgate.pda.internal.ScannerSymbologies;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads the scan intents of Android scanner services into {@link ScanData} (PROTOCOLS.md section 8). Takes the
 * intent's extras as a plain map ({@code Bundle} keys to values, nested bundles as maps, see the README) so the
 * parsing runs and is tested on the JVM. Stateless and thread-safe.
 *
 * <ul>
 *   <li><b>Zebra DataWedge</b> (Intent output): {@code com.symbol.datawedge.data_string}, {@code .label_type},
 *       {@code .decode_data} ({@code ArrayList<byte[]>}), {@code .source}, {@code .decoded_mode}; older devices
 *       use the prefix {@code com.motorolasolutions.emdk.datawedge.}. A multiple decode carries
 *       {@code com.symbol.datawedge.barcodes}, a list of bundles with the same keys.</li>
 *   <li><b>Honeywell</b> (Data Intent): {@code data}, {@code dataBytes}, {@code codeId}, {@code aimId},
 *       {@code charset}, {@code timestamp}, {@code version}.</li>
 * </ul>
 * The symbology is turned into an AIM id (DataWedge label types and Honeywell code ids have fixed AIM
 * equivalents). An AIM prefix that the reader put before the data is taken off and wins over the label type
 * when it names the same symbology family. Data whose reader did not announce GS1 (a GS1 DataMatrix read with
 * DataWedge's GS1 decoder off comes as plain {@code DATAMATRIX}) but that holds GS separators and parses as a GS1
 * element string is reported as GS1, with the GS1 AIM id ({@code ]d2}, {@code ]C1}, {@code ]Q3}).
 */
public final class ScanIntents {
    /** The current DataWedge extras prefix. */
    public static final String DATAWEDGE_PREFIX = "com.symbol.datawedge.";
    /** The prefix of older (Motorola Solutions era) DataWedge versions. */
    public static final String LEGACY_DATAWEDGE_PREFIX = "com.motorolasolutions.emdk.datawedge.";
    private static final String[] DATAWEDGE_PREFIXES = {DATAWEDGE_PREFIX, LEGACY_DATAWEDGE_PREFIX, ""};
    private static final char GS = '\u001d';

    private ScanIntents() {
    }

    /**
     * The one scan of a DataWedge intent (for a multiple decode, its first barcode).
     *
     * @throws IllegalArgumentException when the extras hold no data string and no decode data
     */
    public static ScanData fromDataWedge(Map<String, Object> extras) {
        List<ScanData> all = allFromDataWedge(extras);
        return all.get(0);
    }

    /** Every scan of a DataWedge intent: one for a single decode, each barcode of a multiple decode. */
    public static List<ScanData> allFromDataWedge(Map<String, Object> extras) {
        if (extras == null) {
            throw new IllegalArgumentException("DataWedge intent has no extras");
        }
        Object barcodes = dataWedge(extras, "barcodes");
        if (barcodes instanceof List && !((List<?>) barcodes).isEmpty() && dataWedge(extras, "data_string") == null
                && dataWedge(extras, "decode_data") == null) {
            List<ScanData> out = new ArrayList<>();
            for (Object b : (List<?>) barcodes) {
                if (b instanceof Map) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> one = (Map<String, Object>) b;
                    out.add(oneDataWedge(one, extras));
                }
            }
            if (!out.isEmpty()) {
                return Collections.unmodifiableList(out);
            }
        }
        return Collections.singletonList(oneDataWedge(extras, extras));
    }

    /**
     * The scan of a Honeywell data intent.
     *
     * @throws IllegalArgumentException when the extras hold neither {@code data} nor {@code dataBytes}
     */
    public static ScanData fromHoneywell(Map<String, Object> extras) {
        if (extras == null) {
            throw new IllegalArgumentException("Honeywell intent has no extras");
        }
        Object data = extras.get("data");
        byte[] bytes = bytes(extras.get("dataBytes"));
        if (!(data instanceof String) && bytes == null) {
            throw new IllegalArgumentException("Honeywell intent extras carry neither 'data' nor 'dataBytes'; keys "
                    + "present: " + new TreeSet<>(extras.keySet()));
        }
        String codeId = text(extras.get("codeId"));
        String aimId = text(extras.get("aimId"));
        if (aimId == null || AimSymbology.parsePrefix(aimId) == null || aimId.length() != 3) {
            aimId = ScannerSymbologies.aimIdOfHoneywellCodeId(codeId);
        }
        return build(ScanData.Source.HONEYWELL, data instanceof String ? (String) data : null, bytes,
                text(extras.get("charset")), aimId, codeId, text(extras.get("timestamp")));
    }

    /** Reads a DataWedge intent when it carries DataWedge keys, otherwise a Honeywell one. */
    public static ScanData fromAnyScanner(Map<String, Object> extras) {
        if (extras != null && (dataWedge(extras, "data_string") != null || dataWedge(extras, "decode_data") != null
                || dataWedge(extras, "barcodes") != null)) {
            return fromDataWedge(extras);
        }
        return fromHoneywell(extras);
    }

    // ------------------------------------------------------------------------------------------ internals

    private static ScanData oneDataWedge(Map<String, Object> scan, Map<String, Object> intent) {
        Object dataString = dataWedge(scan, "data_string");
        byte[] raw = bytes(dataWedge(scan, "decode_data"));
        if (!(dataString instanceof String) && raw == null) {
            throw new IllegalArgumentException("DataWedge intent extras carry neither " + DATAWEDGE_PREFIX
                    + "data_string nor " + DATAWEDGE_PREFIX + "decode_data; keys present: "
                    + new TreeSet<>(scan.keySet()));
        }
        String labelType = text(dataWedge(scan, "label_type"));
        Object time = dataWedge(scan, "data_dispatch_time");
        if (time == null) {
            time = dataWedge(intent, "data_dispatch_time");
        }
        return build(ScanData.Source.DATAWEDGE, dataString instanceof String ? (String) dataString : null, raw,
                null, ScannerSymbologies.aimIdOfLabelType(labelType), labelType, text(time));
    }

    private static ScanData build(ScanData.Source source, String data, byte[] raw, String charset, String aimId,
            String readerSymbology, String timestamp) {
        String text = data != null ? data : decode(raw, charset);
        byte[] bytes = raw != null ? raw : text.getBytes(StandardCharsets.UTF_8);
        text = withoutLineEnd(text);
        AimSymbology prefix = AimSymbology.parsePrefix(text);
        if (prefix != null && (aimId == null || aimId.charAt(1) == prefix.code())) {
            aimId = prefix.id(); // the reader sent the AIM id itself: more exact than the label type
            text = text.substring(3);
        }
        AimSymbology aim = aimId == null ? null : AimSymbology.parsePrefix(aimId);
        boolean gs1 = aim != null && aim.gs1();
        Gs1Data parsed = null;
        String problem = null;
        if (gs1) {
            try {
                parsed = Gs1Parser.parse(aimId + text);
            } catch (Gs1ParseException e) {
                problem = e.getMessage();
            }
        } else if (text.indexOf(GS) >= 0) {
            String gs1AimId = aimId == null ? "" : ScannerSymbologies.gs1FormOf(aimId);
            if (gs1AimId != null) {
                try {
                    parsed = Gs1Parser.parse(gs1AimId + text);
                    gs1 = true;
                    aimId = gs1AimId.isEmpty() ? null : gs1AimId;
                } catch (Gs1ParseException notGs1) {
                    parsed = null; // GS inside data that is no GS1 element string: plain data after all
                }
            }
        }
        return new ScanData(source, text, aimId, readerSymbology, bytes, gs1, parsed, problem, timestamp);
    }

    /** A DataWedge extra under its current, its legacy, or (inside a multiple decode bundle) no prefix. */
    private static Object dataWedge(Map<String, Object> extras, String key) {
        for (String prefix : DATAWEDGE_PREFIXES) {
            Object v = extras.get(prefix + key);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** {@code byte[]}, or the concatenation of a list of {@code byte[]} (DataWedge's {@code decode_data}). */
    private static byte[] bytes(Object v) {
        if (v instanceof byte[]) {
            return (byte[]) v;
        }
        if (v instanceof List) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            boolean any = false;
            for (Object part : (List<?>) v) {
                if (part instanceof byte[]) {
                    out.write((byte[]) part, 0, ((byte[]) part).length);
                    any = true;
                }
            }
            return any ? out.toByteArray() : null;
        }
        return null;
    }

    /** Bytes as text: in the named charset, else UTF-8 when they are valid UTF-8, else ISO-8859-1. */
    private static String decode(byte[] raw, String charset) {
        if (charset != null) {
            try {
                return new String(raw, Charset.forName(charset));
            } catch (IllegalArgumentException unknownCharset) {
                // fall through to the guess below
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(raw, StandardCharsets.ISO_8859_1);
        }
    }

    private static String withoutLineEnd(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String text(Object v) {
        return v == null ? null : v.toString();
    }
}
