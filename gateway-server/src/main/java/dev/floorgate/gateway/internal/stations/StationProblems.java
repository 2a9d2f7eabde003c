package dev.floorgate.gateway.internal.stations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Station scans that printed nothing (matched nothing, or a problem), for site IT's page under "Needs attention"
 * until someone acknowledges them. In memory and bounded: at most {@value #MAX} (the oldest go first) and none
 * older than {@link #KEEP}; a restart forgets them, which is fine for a hint to look at the station (the station
 * events and the log keep the full story). Thread safe.
 */
public final class StationProblems {
    /** Problems kept at most; a scanner misreading in a loop must not grow the gateway's memory. */
    public static final int MAX = 50;
    /** How long an unacknowledged problem stays on the page. */
    public static final Duration KEEP = Duration.ofDays(1);

    /** One failed scan: the station, the scan as quoted in its station event, why, and when. */
    public record Problem(String station, String scan, String reason, Instant at) {
    }

    private final ArrayDeque<Problem> problems = new ArrayDeque<>(); // oldest first; guarded by this
    private final Clock clock;

    public StationProblems() {
        this(Clock.systemUTC());
    }

    public StationProblems(Clock clock) {
        this.clock = clock;
    }

    /** Records a failed scan now, dropping the oldest beyond {@value #MAX}. */
    public synchronized void add(String station, String scan, String reason) {
        problems.addLast(new Problem(station, scan, reason, clock.instant()));
        while (problems.size() > MAX) {
            problems.removeFirst();
        }
    }

    /** The problems of the last {@link #KEEP}, newest first. */
    public synchronized List<Problem> list() {
        prune();
        List<Problem> out = new ArrayList<>(problems);
        java.util.Collections.reverse(out);
        return out;
    }

    /** Clears every problem (site IT has seen them); returns how many there were. */
    public synchronized int acknowledge() {
        prune();
        int n = problems.size();
        problems.clear();
        return n;
    }

    private void prune() {
        Instant oldest = clock.instant().minus(KEEP);
        for (Iterator<Problem> it = problems.iterator(); it.hasNext();) {
            if (it.next().at().isBefore(oldest)) {
                it.remove();
            } else {
                break; // oldest first: the rest are newer
            }
        }
    }
}
