package dev.floorgate.pda;

import dev.floorgate.barcodes.AimSymbology;
import dev.floorgate.barcodes.Gs1Data;

/**
 * One decoded barcode from a PDA's scanner service, read by {@link ScanIntents} from a DataWedge or Honeywell
 * intent. Immutable. {@link #data()} is the decoded text without an AIM prefix or a trailing CR/LF suffix;
 * {@link #aimId()} names the symbology the AIM way ({@code ]C1} GS1-128, {@code ]d2} GS1 DataMatrix, ...), which
 * is what {@link GatewayClient#scan(ScanData)} sends.
 */
public final class ScanData {
    /** Which scanner service delivered the scan. */
    public enum Source {
        DATAWEDGE, HONEYWELL
    }

    private final Source source;
    private final String data;
    private final String aimId;
    private final String readerSymbology;
    private final byte[] raw;
    private final Gs1Data gs1Data;
    private final String gs1Problem;
    private final boolean gs1;
    private final String timestamp;

    ScanData(Source source, String data, String aimId, String readerSymbology, byte[] raw, boolean gs1,
            Gs1Data gs1Data, String gs1Problem, String timestamp) {
        this.source = source;
        this.data = data;
        this.aimId = aimId;
        this.readerSymbology = readerSymbology;
        this.raw = raw.clone();
        this.gs1 = gs1;
        this.gs1Data = gs1Data;
        this.gs1Problem = gs1Problem;
        this.timestamp = timestamp;
    }

    public Source source() {
        return source;
    }

    /** The decoded characters, GS (0x1D) separators included, without AIM prefix or CR/LF suffix. */
    public String data() {
        return data;
    }

    /** The AIM symbology id, e.g. {@code ]C1}; null when the reader's symbology has no known AIM id. */
    public String aimId() {
        return aimId;
    }

    /** A readable symbology name: "GS1-128", "Code 128", "GS1 DataMatrix", "QR Code", ... or the reader's own. */
    public String symbology() {
        AimSymbology aim = aimId == null ? null : AimSymbology.parsePrefix(aimId);
        return aim != null ? aim.description() : readerSymbology;
    }

    /**
     * The symbology as the scanner service named it: the DataWedge label type ({@code LABEL-TYPE-EAN128}) or
     * the Honeywell code id ({@code I}).
     */
    public String readerSymbology() {
        return readerSymbology;
    }

    /** Whether the data is a GS1 element string (GS1-128, GS1 DataMatrix, GS1 QR, GS1 DataBar). */
    public boolean gs1() {
        return gs1;
    }

    /** The GS1 elements when {@link #gs1()} and they are valid; null otherwise (see {@link #gs1Problem()}). */
    public Gs1Data gs1Data() {
        return gs1Data;
    }

    /** Why a GS1 scan did not parse ("AI (17): month 13 out of range in 251331"), or null. */
    public String gs1Problem() {
        return gs1Problem;
    }

    /** The raw bytes as delivered (DataWedge {@code decode_data}, Honeywell {@code dataBytes}), or the data's UTF-8. */
    public byte[] raw() {
        return raw.clone();
    }

    /** The service's timestamp as it sent it, or null. */
    public String timestamp() {
        return timestamp;
    }

    /** AIM id followed by the data: the form the gateway's scan endpoint and the barcodes module read. */
    public String scanText() {
        return aimId == null ? data : aimId + data;
    }

    @Override
    public String toString() {
        return "ScanData{" + source + " " + symbology() + " " + (aimId == null ? "" : aimId) + printable(data)
                + (gs1Data != null ? " " + gs1Data : "") + "}";
    }

    private static String printable(String s) {
        return s.replace("\u001d", "<GS>");
    }
}
