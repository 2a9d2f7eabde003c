package dev.floorgate.lan;

import java.util.Objects;

/**
 * One shot of a tenant's photo template: its name (the {@code shot} of POST /api/v1/photos) and the hint shown
 * to the person taking it. Written and read by {@link LanJson}.
 */
public final class PhotoShot {
    private final String shot;
    private final String hint;

    public PhotoShot(String shot, String hint) {
        this.shot = shot;
        this.hint = hint;
    }

    public String shot() {
        return shot;
    }

    /** What to photograph, e.g. "Label side, the carrier's barcode readable". */
    public String hint() {
        return hint;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PhotoShot)) {
            return false;
        }
        PhotoShot that = (PhotoShot) o;
        return Objects.equals(shot, that.shot)
                && Objects.equals(hint, that.hint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shot, hint);
    }

    @Override
    public String toString() {
        return "PhotoShot{"
                + "shot=" + shot
                + ", hint=" + hint + "}";
    }
}
