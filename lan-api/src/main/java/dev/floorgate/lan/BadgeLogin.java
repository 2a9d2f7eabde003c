package dev.floorgate.lan;

import java.util.Objects;

/**
 * Body of POST /api/v1/sessions: the badge the picker scanned.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class BadgeLogin {
    private final String badge;

    public BadgeLogin(String badge) {
        this.badge = badge;
    }

    public String badge() {
        return badge;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BadgeLogin)) {
            return false;
        }
        BadgeLogin that = (BadgeLogin) o;
        return Objects.equals(badge, that.badge);
    }

    @Override
    public int hashCode() {
        return Objects.hash(badge);
    }

    @Override
    public String toString() {
        return "BadgeLogin{" + "badge=" + badge + "}";
    }
}
