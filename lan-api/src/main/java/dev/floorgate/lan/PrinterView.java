package dev.floorgate.lan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A printer in GET /api/v1/devices.
 * Immutable; made with {@link #builder()}. Written and read by {@link LanJson}.
 */
public final class PrinterView {
    private final String name;
    private final String description;
    private final String url;
    private final String state;
    private final String stateText;
    private final boolean online;
    private final boolean connected;
    private final List<String> faults;
    private final String detail;
    private final String lastSeen;
    private final String since;
    private final Map<String, Long> jobs;
    private final List<String> stations;
    private final Boolean closedLoop;
    private final String closedLoopNote;
    private final Long clockOffsetSeconds;
    private final boolean clockSetByGateway;

    private PrinterView(Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.url = b.url;
        this.state = b.state;
        this.stateText = b.stateText;
        this.online = b.online;
        this.connected = b.connected;
        this.faults = Copies.list(b.faults);
        this.detail = b.detail;
        this.lastSeen = b.lastSeen;
        this.since = b.since;
        this.jobs = Copies.map(b.jobs);
        this.stations = Copies.list(b.stations);
        this.closedLoop = b.closedLoop;
        this.closedLoopNote = b.closedLoopNote;
        this.clockOffsetSeconds = b.clockOffsetSeconds;
        this.clockSetByGateway = b.clockSetByGateway;
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
        b.stateText = stateText;
        b.online = online;
        b.connected = connected;
        b.faults = faults;
        b.detail = detail;
        b.lastSeen = lastSeen;
        b.since = since;
        b.jobs = jobs;
        b.stations = stations;
        b.closedLoop = closedLoop;
        b.closedLoopNote = closedLoopNote;
        b.clockOffsetSeconds = clockOffsetSeconds;
        b.clockSetByGateway = clockSetByGateway;
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

    public String state() {
        return state;
    }

    public String stateText() {
        return stateText;
    }

    public boolean online() {
        return online;
    }

    public boolean connected() {
        return connected;
    }

    public List<String> faults() {
        return faults;
    }

    public String detail() {
        return detail;
    }

    public String lastSeen() {
        return lastSeen;
    }

    public String since() {
        return since;
    }

    /** Queued jobs by state. */
    public Map<String, Long> jobs() {
        return jobs;
    }

    public List<String> stations() {
        return stations;
    }

    /**
     * Whether the printer's label counter confirms each job (PRINTED only once the label came out): true, false
     * (not closed-loop: PRINTED means the printer took the bytes), or null while not known yet.
     */
    public Boolean closedLoop() {
        return closedLoop;
    }

    /** Why the printer is not closed-loop; empty when it is, null while not known. */
    public String closedLoopNote() {
        return closedLoopNote;
    }

    /**
     * The printer's real-time clock minus core time in seconds, as last read (positive: ahead); null while not read
     * or when the printer has no clock (it answers {@code "?"}).
     */
    public Long clockOffsetSeconds() {
        return clockOffsetSeconds;
    }

    /** Whether the gateway set the printer's clock from core time (site IT allowed it for this printer). */
    public boolean clockSetByGateway() {
        return clockSetByGateway;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PrinterView)) {
            return false;
        }
        PrinterView that = (PrinterView) o;
        return Objects.equals(name, that.name)
                && Objects.equals(description, that.description)
                && Objects.equals(url, that.url)
                && Objects.equals(state, that.state)
                && Objects.equals(stateText, that.stateText)
                && online == that.online
                && connected == that.connected
                && Objects.equals(faults, that.faults)
                && Objects.equals(detail, that.detail)
                && Objects.equals(lastSeen, that.lastSeen)
                && Objects.equals(since, that.since)
                && Objects.equals(jobs, that.jobs)
                && Objects.equals(stations, that.stations)
                && Objects.equals(closedLoop, that.closedLoop)
                && Objects.equals(closedLoopNote, that.closedLoopNote)
                && Objects.equals(clockOffsetSeconds, that.clockOffsetSeconds)
                && clockSetByGateway == that.clockSetByGateway;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, description, url, state, stateText, online, connected, faults, detail, lastSeen,
                since, jobs, stations, closedLoop, closedLoopNote, clockOffsetSeconds, clockSetByGateway);
    }

    @Override
    public String toString() {
        return "PrinterView{" + "name=" + name
                + ", description=" + description
                + ", url=" + url
                + ", state=" + state
                + ", stateText=" + stateText
                + ", online=" + online
                + ", connected=" + connected
                + ", faults=" + faults
                + ", detail=" + detail
                + ", lastSeen=" + lastSeen
                + ", since=" + since
                + ", jobs=" + jobs
                + ", stations=" + stations
                + ", closedLoop=" + closedLoop
                + ", closedLoopNote=" + closedLoopNote
                + ", clockOffsetSeconds=" + clockOffsetSeconds
                + ", clockSetByGateway=" + clockSetByGateway + "}";
    }

    /** Collects the fields of a {@link PrinterView}. */
    public static final class Builder {
        private String name;
        private String description;
        private String url;
        private String state;
        private String stateText;
        private boolean online;
        private boolean connected;
        private List<String> faults;
        private String detail;
        private String lastSeen;
        private String since;
        private Map<String, Long> jobs;
        private List<String> stations;
        private Boolean closedLoop;
        private String closedLoopNote;
        private Long clockOffsetSeconds;
        private boolean clockSetByGateway;

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

        public Builder stateText(String stateText) {
            this.stateText = stateText;
            return this;
        }

        public Builder online(boolean online) {
            this.online = online;
            return this;
        }

        public Builder connected(boolean connected) {
            this.connected = connected;
            return this;
        }

        public Builder faults(List<String> faults) {
            this.faults = faults;
            return this;
        }

        public Builder detail(String detail) {
            this.detail = detail;
            return this;
        }

        public Builder lastSeen(String lastSeen) {
            this.lastSeen = lastSeen;
            return this;
        }

        public Builder since(String since) {
            this.since = since;
            return this;
        }

        public Builder jobs(Map<String, Long> jobs) {
            this.jobs = jobs;
            return this;
        }

        public Builder stations(List<String> stations) {
            this.stations = stations;
            return this;
        }

        public Builder closedLoop(Boolean closedLoop) {
            this.closedLoop = closedLoop;
            return this;
        }

        public Builder closedLoopNote(String closedLoopNote) {
            this.closedLoopNote = closedLoopNote;
            return this;
        }

        public Builder clockOffsetSeconds(Long clockOffsetSeconds) {
            this.clockOffsetSeconds = clockOffsetSeconds;
            return this;
        }

        public Builder clockSetByGateway(boolean clockSetByGateway) {
            this.clockSetByGateway = clockSetByGateway;
            return this;
        }

        public PrinterView build() {
            return new PrinterView(this);
        }
    }
}
