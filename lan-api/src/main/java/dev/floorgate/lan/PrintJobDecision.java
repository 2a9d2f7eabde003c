package dev.floorgate.lan;

import java.util.Objects;

/**
 * Body of POST /api/v1/print-jobs/{jobId}/reprint|discard|mark-printed.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class PrintJobDecision {
    private final String reason;

    public PrintJobDecision(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PrintJobDecision)) {
            return false;
        }
        PrintJobDecision that = (PrintJobDecision) o;
        return Objects.equals(reason, that.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason);
    }

    @Override
    public String toString() {
        return "PrintJobDecision{" + "reason=" + reason + "}";
    }
}
