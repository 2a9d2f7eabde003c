package dev.floorgate.lan;

import java.util.List;
import java.util.Objects;

/**
 * A scanner in GET /api/v1/devices.
 * Immutable; made with {@link #builder()}. Written and read by {@link LanJson}.
 */
public final class ScannerView {
    private final String name;
    private final String description;
    private final String url;
    private final String state;
    private final boolean connected;
    private final String since;
    private final String lastScanAt;
    private final long scans;
    private final long problems;
    private final String lastProblem;
    private final String lastProblemAt;
    private final List<String> stations;

    private ScannerView(Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.url = b.url;
        this.state = b.state;
        this.connected = b.connected;
        this.since = b.since;
        this.lastScanAt = b.lastScanAt;
        this.scans = b.scans;
        this.problems = b.problems;
        this.lastProblem = b.lastProblem;
        this.lastProblemAt = b.lastProblemAt;
        this.stations = Copies.list(b.stations);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this instance's values, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.description = description;
        b.url = url;
        b.state = state;
        b.connected = connected;
        b.since = since;
        b.lastScanAt = lastScanAt;
        b.scans = scans;
        b.problems = problems;
        b.lastProblem = lastProblem;
        b.lastProblemAt = lastProblemAt;
        b.stations = stations;
        return b;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String url() {
        return url;
    }

    /** Online or offline. */
    public String state() {
        return state;
    }

    public boolean connected() {
        return connected;
    }

    public String since() {
        return since;
    }

    public String lastScanAt() {
        return lastScanAt;
    }

    public long scans() {
        return scans;
    }

    public long problems() {
        return problems;
    }

    public String lastProblem() {
        return lastProblem;
    }

    public String lastProblemAt() {
        return lastProblemAt;
    }

    public List<String> stations() {
        return stations;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ScannerView)) {
            return false;
        }
        ScannerView that = (ScannerView) o;
        return Objects.equals(name, that.name)
                && Objects.equals(description, that.description)
                && Objects.equals(url, that.url)
                && Objects.equals(state, that.state)
                && connected == that.connected
                && Objects.equals(since, that.since)
                && Objects.equals(lastScanAt, that.lastScanAt)
                && scans == that.scans
                && problems == that.problems
                && Objects.equals(lastProblem, that.lastProblem)
                && Objects.equals(lastProblemAt, that.lastProblemAt)
                && Objects.equals(stations, that.stations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, description, url, state, connected, since, lastScanAt, scans, problems, lastProblem,
                lastProblemAt, stations);
    }

    @Override
    public String toString() {
        return "ScannerView{" + "name=" + name
                + ", description=" + description
                + ", url=" + url
                + ", state=" + state
                + ", connected=" + connected
                + ", since=" + since
                + ", lastScanAt=" + lastScanAt
                + ", scans=" + scans
                + ", problems=" + problems
                + ", lastProblem=" + lastProblem
                + ", lastProblemAt=" + lastProblemAt
                + ", stations=" + stations + "}";
    }

    /** Collects the fields of a {@link ScannerView}. */
    public static final class Builder {
        private String name;
        private String description;
        private String url;
        private String state;
        private boolean connected;
        private String since;
        private String lastScanAt;
        private long scans;
        private long problems;
        private String lastProblem;
        private String lastProblemAt;
        private List<String> stations;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder state(String state) {
            this.state = state;
            return this;
        }

        public Builder connected(boolean connected) {
            this.connected = connected;
            return this;
        }

        public Builder since(String since) {
            this.since = since;
            return this;
        }

        public Builder lastScanAt(String lastScanAt) {
            this.lastScanAt = lastScanAt;
            return this;
        }

        public Builder scans(long scans) {
            this.scans = scans;
            return this;
        }

        public Builder problems(long problems) {
            this.problems = problems;
            return this;
        }

        public Builder lastProblem(String lastProblem) {
            this.lastProblem = lastProblem;
            return this;
        }

        public Builder lastProblemAt(String lastProblemAt) {
            this.lastProblemAt = lastProblemAt;
            return this;
        }

        public Builder stations(List<String> stations) {
            this.stations = stations;
            return this;
        }

        public ScannerView build() {
            return new ScannerView(this);
        }
    }
}
