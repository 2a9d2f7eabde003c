package dev.floorgate.lan;

import java.util.Objects;

/**
 * One entry of a print job's history.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class PrintJobAction {
    private final String at;
    private final String action;
    private final String by;
    private final String reason;
    private final String from;
    private final String to;

    public PrintJobAction(String at, String action, String by, String reason, String from, String to) {
        this.at = at;
        this.action = action;
        this.by = by;
        this.reason = reason;
        this.from = from;
        this.to = to;
    }

    public String at() {
        return at;
    }

    public String action() {
        return action;
    }

    public String by() {
        return by;
    }

    public String reason() {
        return reason;
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PrintJobAction)) {
            return false;
        }
        PrintJobAction that = (PrintJobAction) o;
        return Objects.equals(at, that.at)
                && Objects.equals(action, that.action)
                && Objects.equals(by, that.by)
                && Objects.equals(reason, that.reason)
                && Objects.equals(from, that.from)
                && Objects.equals(to, that.to);
    }

    @Override
    public int hashCode() {
        return Objects.hash(at, action, by, reason, from, to);
    }

    @Override
    public String toString() {
        return "PrintJobAction{" + "at=" + at
                + ", action=" + action
                + ", by=" + by
                + ", reason=" + reason
                + ", from=" + from
                + ", to=" + to + "}";
    }
}
