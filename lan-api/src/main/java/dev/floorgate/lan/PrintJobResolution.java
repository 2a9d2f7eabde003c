package dev.floorgate.lan;

import java.util.Objects;

/**
 * The last person action on a print job.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class PrintJobResolution {
    private final String action;
    private final String by;
    private final String at;
    private final String reason;

    public PrintJobResolution(String action, String by, String at, String reason) {
        this.action = action;
        this.by = by;
        this.at = at;
        this.reason = reason;
    }

    /** REPRINT, DISCARD, MARK_PRINTED or RECOVERED_AFTER_CRASH. */
    public String action() {
        return action;
    }

    public String by() {
        return by;
    }

    public String at() {
        return at;
    }

    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PrintJobResolution)) {
            return false;
        }
        PrintJobResolution that = (PrintJobResolution) o;
        return Objects.equals(action, that.action)
                && Objects.equals(by, that.by)
                && Objects.equals(at, that.at)
                && Objects.equals(reason, that.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(action, by, at, reason);
    }

    @Override
    public String toString() {
        return "PrintJobResolution{" + "action=" + action
                + ", by=" + by
                + ", at=" + at
                + ", reason=" + reason + "}";
    }
}
