package dev.floorgate.lan;

import java.util.Objects;

/**
 * Data of a station event: a scan the station could not print (outcome {@code NO_MATCH} or {@code PROBLEM}), or
 * a rehearsing station printed its template with sample values for a scan that matched nothing
 * ({@code REHEARSAL}).
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class StationEvent {
    private final String station;
    private final String scanner;
    private final String printer;
    private final String outcome;
    private final String scan;
    private final String message;

    public StationEvent(String station, String scanner, String printer, String outcome, String scan, String message) {
        this.station = station;
        this.scanner = scanner;
        this.printer = printer;
        this.outcome = outcome;
        this.scan = scan;
        this.message = message;
    }

    public String station() {
        return station;
    }

    public String scanner() {
        return scanner;
    }

    public String printer() {
        return printer;
    }

    public String outcome() {
        return outcome;
    }

    public String scan() {
        return scan;
    }

    public String message() {
        return message;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof StationEvent)) {
            return false;
        }
        StationEvent that = (StationEvent) o;
        return Objects.equals(station, that.station)
                && Objects.equals(scanner, that.scanner)
                && Objects.equals(printer, that.printer)
                && Objects.equals(outcome, that.outcome)
                && Objects.equals(scan, that.scan)
                && Objects.equals(message, that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(station, scanner, printer, outcome, scan, message);
    }

    @Override
    public String toString() {
        return "StationEvent{" + "station=" + station
                + ", scanner=" + scanner
                + ", printer=" + printer
                + ", outcome=" + outcome
                + ", scan=" + scan
                + ", message=" + message + "}";
    }
}
