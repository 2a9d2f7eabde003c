package dev.floorgate.lan;

import java.util.Objects;

/**
 * Data of a print-job event.
 * Immutable; made with {@link #builder()}. Written and read by {@link LanJson}.
 */
public final class PrintJobEvent {
    private final String jobId;
    private final String state;
    private final String printer;
    private final String station;
    private final String template;
    private final String fault;
    private final String faultDetail;
    private final int attempts;

    private PrintJobEvent(Builder b) {
        this.jobId = b.jobId;
        this.state = b.state;
        this.printer = b.printer;
        this.station = b.station;
        this.template = b.template;
        this.fault = b.fault;
        this.faultDetail = b.faultDetail;
        this.attempts = b.attempts;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this instance's values, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.jobId = jobId;
        b.state = state;
        b.printer = printer;
        b.station = station;
        b.template = template;
        b.fault = fault;
        b.faultDetail = faultDetail;
        b.attempts = attempts;
        return b;
    }

    public String jobId() {
        return jobId;
    }

    public String state() {
        return state;
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

    public String fault() {
        return fault;
    }

    public String faultDetail() {
        return faultDetail;
    }

    public int attempts() {
        return attempts;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PrintJobEvent)) {
            return false;
        }
        PrintJobEvent that = (PrintJobEvent) o;
        return Objects.equals(jobId, that.jobId)
                && Objects.equals(state, that.state)
                && Objects.equals(printer, that.printer)
                && Objects.equals(station, that.station)
                && Objects.equals(template, that.template)
                && Objects.equals(fault, that.fault)
                && Objects.equals(faultDetail, that.faultDetail)
                && attempts == that.attempts;
    }

    @Override
    public int hashCode() {
        return Objects.hash(jobId, state, printer, station, template, fault, faultDetail, attempts);
    }

    @Override
    public String toString() {
        return "PrintJobEvent{" + "jobId=" + jobId
                + ", state=" + state
                + ", printer=" + printer
                + ", station=" + station
                + ", template=" + template
                + ", fault=" + fault
                + ", faultDetail=" + faultDetail
                + ", attempts=" + attempts + "}";
    }

    /** Collects the fields of a {@link PrintJobEvent}. */
    public static final class Builder {
        private String jobId;
        private String state;
        private String printer;
        private String station;
        private String template;
        private String fault;
        private String faultDetail;
        private int attempts;

        private Builder() {
        }

        public Builder jobId(String jobId) {
            this.jobId = jobId;
            return this;
        }

        public Builder state(String state) {
            this.state = state;
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

        public PrintJobEvent build() {
            return new PrintJobEvent(this);
        }
    }
}
