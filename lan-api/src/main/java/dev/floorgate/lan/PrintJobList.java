package dev.floorgate.lan;

import java.util.List;
import java.util.Objects;

/**
 * Answer of GET /api/v1/print-jobs.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class PrintJobList {
    private final List<PrintJobView> jobs;

    public PrintJobList(List<PrintJobView> jobs) {
        this.jobs = Copies.list(jobs);
    }

    public List<PrintJobView> jobs() {
        return jobs;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PrintJobList)) {
            return false;
        }
        PrintJobList that = (PrintJobList) o;
        return Objects.equals(jobs, that.jobs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jobs);
    }

    @Override
    public String toString() {
        return "PrintJobList{" + "jobs=" + jobs + "}";
    }
}
