package dev.floorgate.lan;

import java.util.Objects;

/**
 * Body of POST /api/v1/templates/preview.png.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class PreviewRequest {
    private final String zpl;
    private final Integer dpi;

    public PreviewRequest(String zpl, Integer dpi) {
        this.zpl = zpl;
        this.dpi = dpi;
    }

    public String zpl() {
        return zpl;
    }

    public Integer dpi() {
        return dpi;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PreviewRequest)) {
            return false;
        }
        PreviewRequest that = (PreviewRequest) o;
        return Objects.equals(zpl, that.zpl)
                && Objects.equals(dpi, that.dpi);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zpl, dpi);
    }

    @Override
    public String toString() {
        return "PreviewRequest{" + "zpl=" + zpl
                + ", dpi=" + dpi + "}";
    }
}
