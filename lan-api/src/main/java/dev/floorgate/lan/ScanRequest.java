package dev.floorgate.lan;

import java.util.Objects;

/**
 * Body of POST /api/v1/scans.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class ScanRequest {
    private final String data;
    private final String symbology;

    public ScanRequest(String data, String symbology) {
        this.data = data;
        this.symbology = symbology;
    }

    /** The scanned characters, possibly starting with an AIM id. */
    public String data() {
        return data;
    }

    /** The AIM id reported beside the data (e.g. ]C1). */
    public String symbology() {
        return symbology;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ScanRequest)) {
            return false;
        }
        ScanRequest that = (ScanRequest) o;
        return Objects.equals(data, that.data)
                && Objects.equals(symbology, that.symbology);
    }

    @Override
    public int hashCode() {
        return Objects.hash(data, symbology);
    }

    @Override
    public String toString() {
        return "ScanRequest{" + "data=" + data
                + ", symbology=" + symbology + "}";
    }
}
