package dev.floorgate.lan;

import java.util.Map;
import java.util.Objects;

/**
 * Body of POST /api/v1/print-jobs: a template with field data, or raw ZPL; printer or station. Field values that
 * are numbers or booleans are read as their text, as the gateway prints them.
 * Immutable; made with {@link #builder()}. Written and read by {@link LanJson}.
 */
public final class PrintJobRequest {
    private final String jobId;
    private final String tenant;
    private final String printer;
    private final String station;
    private final String template;
    private final Map<String, String> data;
    private final Integer copies;
    private final String zpl;

    private PrintJobRequest(Builder b) {
        this.jobId = b.jobId;
        this.tenant = b.tenant;
        this.printer = b.printer;
        this.station = b.station;
        this.template = b.template;
        this.data = Copies.mapOrNull(b.data);
        this.copies = b.copies;
        this.zpl = b.zpl;
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
        b.data = data;
        b.copies = copies;
        b.zpl = zpl;
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

    public Map<String, String> data() {
        return data;
    }

    public Integer copies() {
        return copies;
    }

    public String zpl() {
        return zpl;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PrintJobRequest)) {
            return false;
        }
        PrintJobRequest that = (PrintJobRequest) o;
        return Objects.equals(jobId, that.jobId)
                && Objects.equals(tenant, that.tenant)
                && Objects.equals(printer, that.printer)
                && Objects.equals(station, that.station)
                && Objects.equals(template, that.template)
                && Objects.equals(data, that.data)
                && Objects.equals(copies, that.copies)
                && Objects.equals(zpl, that.zpl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jobId, tenant, printer, station, template, data, copies, zpl);
    }

    @Override
    public String toString() {
        return "PrintJobRequest{" + "jobId=" + jobId
                + ", tenant=" + tenant
                + ", printer=" + printer
                + ", station=" + station
                + ", template=" + template
                + ", data=" + data
                + ", copies=" + copies
                + ", zpl=" + zpl + "}";
    }

    /** Collects the fields of a {@link PrintJobRequest}. */
    public static final class Builder {
        private String jobId;
        private String tenant;
        private String printer;
        private String station;
        private String template;
        private Map<String, String> data;
        private Integer copies;
        private String zpl;

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

        public Builder data(Map<String, String> data) {
            this.data = data;
            return this;
        }

        public Builder copies(Integer copies) {
            this.copies = copies;
            return this;
        }

        public Builder zpl(String zpl) {
            this.zpl = zpl;
            return this;
        }

        public PrintJobRequest build() {
            return new PrintJobRequest(this);
        }
    }
}
