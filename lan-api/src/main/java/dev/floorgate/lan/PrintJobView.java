package dev.floorgate.lan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A print job as POST /api/v1/print-jobs (202, with duplicate), GET /api/v1/print-jobs[/{jobId}] (the single job
 * with history) and the reprint/discard/mark-printed actions show it.
 * Immutable; made with {@link #builder()}. Written and read by {@link LanJson}.
 */
public final class PrintJobView {
    private final String jobId;
    private final String tenant;
    private final String printer;
    private final String station;
    private final String template;
    private final boolean raw;
    private final Map<String, String> data;
    private final int copies;
    private final int zplBytes;
    private final String state;
    private final String fault;
    private final String faultDetail;
    private final int attempts;
    private final String createdAt;
    private final String updatedAt;
    private final String printedAt;
    private final String createdBy;
    private final PrintJobResolution resolution;
    private final Boolean duplicate;
    private final List<PrintJobAction> history;

    private PrintJobView(Builder b) {
        this.jobId = b.jobId;
        this.tenant = b.tenant;
        this.printer = b.printer;
        this.station = b.station;
        this.template = b.template;
        this.raw = b.raw;
        this.data = Copies.map(b.data);
        this.copies = b.copies;
        this.zplBytes = b.zplBytes;
        this.state = b.state;
        this.fault = b.fault;
        this.faultDetail = b.faultDetail;
        this.attempts = b.attempts;
        this.createdAt = b.createdAt;
        this.updatedAt = b.updatedAt;
        this.printedAt = b.printedAt;
        this.createdBy = b.createdBy;
        this.resolution = b.resolution;
        this.duplicate = b.duplicate;
        this.history = Copies.listOrNull(b.history);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this instance's values, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.jobId = jobId;
        b.tenant = tenant;
        b.printer = printer;
        b.station = station;
        b.template = template;
        b.raw = raw;
        b.data = data;
        b.copies = copies;
        b.zplBytes = zplBytes;
        b.state = state;
        b.fault = fault;
        b.faultDetail = faultDetail;
        b.attempts = attempts;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        b.printedAt = printedAt;
        b.createdBy = createdBy;
        b.resolution = resolution;
        b.duplicate = duplicate;
        b.history = history;
        return b;
    }

    public String jobId() {
        return jobId;
    }

    public String tenant() {
        return tenant;
    }

    public String printer() {
        return printer;
    }

    public String station() {
        return station;
    }

    public String template() {
        return template;
    }

    public boolean raw() {
        return raw;
    }

    public Map<String, String> data() {
        return data;
    }

    public int copies() {
        return copies;
    }

    public int zplBytes() {
        return zplBytes;
    }

    /** QUEUED, PRINTING, SENT, PRINTED, HELD, MAYBE_PRINTED, FAILED. */
    public String state() {
        return state;
    }

    public String fault() {
        return fault;
    }

    public String faultDetail() {
        return faultDetail;
    }

    public int attempts() {
        return attempts;
    }

    public String createdAt() {
        return createdAt;
    }

    public String updatedAt() {
        return updatedAt;
    }

    public String printedAt() {
        return printedAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public PrintJobResolution resolution() {
        return resolution;
    }

    /** Only in the answer to a submit. */
    public Boolean duplicate() {
        return duplicate;
    }

    /** Only in GET /api/v1/print-jobs/{jobId}. */
    public List<PrintJobAction> history() {
        return history;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PrintJobView)) {
            return false;
        }
        PrintJobView that = (PrintJobView) o;
        return Objects.equals(jobId, that.jobId)
                && Objects.equals(tenant, that.tenant)
                && Objects.equals(printer, that.printer)
                && Objects.equals(station, that.station)
                && Objects.equals(template, that.template)
                && raw == that.raw
                && Objects.equals(data, that.data)
                && copies == that.copies
                && zplBytes == that.zplBytes
                && Objects.equals(state, that.state)
                && Objects.equals(fault, that.fault)
                && Objects.equals(faultDetail, that.faultDetail)
                && attempts == that.attempts
                && Objects.equals(createdAt, that.createdAt)
                && Objects.equals(updatedAt, that.updatedAt)
                && Objects.equals(printedAt, that.printedAt)
                && Objects.equals(createdBy, that.createdBy)
                && Objects.equals(resolution, that.resolution)
                && Objects.equals(duplicate, that.duplicate)
                && Objects.equals(history, that.history);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jobId, tenant, printer, station, template, raw, data, copies, zplBytes, state, fault,
                faultDetail, attempts, createdAt, updatedAt, printedAt, createdBy, resolution, duplicate, history);
    }

    @Override
    public String toString() {
        return "PrintJobView{" + "jobId=" + jobId
                + ", tenant=" + tenant
                + ", printer=" + printer
                + ", station=" + station
                + ", template=" + template
                + ", raw=" + raw
                + ", data=" + data
                + ", copies=" + copies
                + ", zplBytes=" + zplBytes
                + ", state=" + state
                + ", fault=" + fault
                + ", faultDetail=" + faultDetail
                + ", attempts=" + attempts
                + ", createdAt=" + createdAt
                + ", updatedAt=" + updatedAt
                + ", printedAt=" + printedAt
                + ", createdBy=" + createdBy
                + ", resolution=" + resolution
                + ", duplicate=" + duplicate
                + ", history=" + history + "}";
    }

    /** Collects the fields of a {@link PrintJobView}. */
    public static final class Builder {
        private String jobId;
        private String tenant;
        private String printer;
        private String station;
        private String template;
        private boolean raw;
        private Map<String, String> data;
        private int copies;
        private int zplBytes;
        private String state;
        private String fault;
        private String faultDetail;
        private int attempts;
        private String createdAt;
        private String updatedAt;
        private String printedAt;
        private String createdBy;
        private PrintJobResolution resolution;
        private Boolean duplicate;
        private List<PrintJobAction> history;

        private Builder() {
        }

        public Builder jobId(String jobId) {
            this.jobId = jobId;
            return this;
        }

        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        public Builder printer(String printer) {
            this.printer = printer;
            return this;
        }

        public Builder station(String station) {
            this.station = station;
            return this;
        }

        public Builder template(String template) {
            this.template = template;
            return this;
        }

        public Builder raw(boolean raw) {
            this.raw = raw;
            return this;
        }

        public Builder data(Map<String, String> data) {
            this.data = data;
            return this;
        }

        public Builder copies(int copies) {
            this.copies = copies;
            return this;
        }

        public Builder zplBytes(int zplBytes) {
            this.zplBytes = zplBytes;
            return this;
        }

        public Builder state(String state) {
            this.state = state;
            return this;
        }

        public Builder fault(String fault) {
            this.fault = fault;
            return this;
        }

        public Builder faultDetail(String faultDetail) {
            this.faultDetail = faultDetail;
            return this;
        }

        public Builder attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        public Builder createdAt(String createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder updatedAt(String updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Builder printedAt(String printedAt) {
            this.printedAt = printedAt;
            return this;
        }

        public Builder createdBy(String createdBy) {
            this.createdBy = createdBy;
            return this;
        }

        public Builder resolution(PrintJobResolution resolution) {
            this.resolution = resolution;
            return this;
        }

        public Builder duplicate(Boolean duplicate) {
            this.duplicate = duplicate;
            return this;
        }

        public Builder history(List<PrintJobAction> history) {
            this.history = history;
            return this;
        }

        public PrintJobView build() {
            return new PrintJobView(this);
        }
    }
}
