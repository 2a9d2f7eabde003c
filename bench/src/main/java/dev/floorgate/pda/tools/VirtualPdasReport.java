package dev.floorgate.pda.tools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link VirtualPdas} run did, operation by operation accounted: every operation sent is accepted or
 * rejected at the gateway, or still queued on its device; every accepted one is final (applied, duplicate,
 * rejected by the core) or pending at the gateway. {@link #lost()} counts the ones that are none of these and
 * must be 0. Immutable.
 */
public final class VirtualPdasReport {
    private final int pdas;
    private final int pdasReady;
    private final long sent;
    private final long accepted;
    private final long applied;
    private final long duplicate;
    private final long rejectedAtGateway;
    private final long rejectedByCore;
    private final long pending;
    private final long queued;
    private final long lost;
    private final long unverified;
    private final long sendFailures;
    private final long scans;
    private final long scanErrors;
    private final long[] timesTo202Micros;
    private final long durationMillis;
    private final List<String> problems;

    VirtualPdasReport(int pdas, int pdasReady, long sent, long accepted, long applied, long duplicate,
            long rejectedAtGateway, long rejectedByCore, long pending, long queued, long lost, long unverified,
            long sendFailures, long scans, long scanErrors, long[] timesTo202Micros, long durationMillis,
            List<String> problems) {
        this.pdas = pdas;
        this.pdasReady = pdasReady;
        this.sent = sent;
        this.accepted = accepted;
        this.applied = applied;
        this.duplicate = duplicate;
        this.rejectedAtGateway = rejectedAtGateway;
        this.rejectedByCore = rejectedByCore;
        this.pending = pending;
        this.queued = queued;
        this.lost = lost;
        this.unverified = unverified;
        this.sendFailures = sendFailures;
        this.scans = scans;
        this.scanErrors = scanErrors;
        this.timesTo202Micros = timesTo202Micros.clone();
        this.durationMillis = durationMillis;
        this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
    }

    public int pdas() {
        return pdas;
    }

    /** PDAs that enrolled, logged in and got tasks. */
    public int pdasReady() {
        return pdasReady;
    }

    /** Operations enqueued on the devices. */
    public long sent() {
        return sent;
    }

    /** Operations the gateway answered 202 for. */
    public long accepted() {
        return accepted;
    }

    public long applied() {
        return applied;
    }

    public long duplicate() {
        return duplicate;
    }

    /** Rejected at the gateway's door plus rejected by the core. */
    public long rejected() {
        return rejectedAtGateway + rejectedByCore;
    }

    public long rejectedAtGateway() {
        return rejectedAtGateway;
    }

    public long rejectedByCore() {
        return rejectedByCore;
    }

    /** Accepted and still PENDING or SYNCING at the gateway at the end (e.g. the core is unreachable). */
    public long pending() {
        return pending;
    }

    /** Still in a device's queue at the end, never answered by the gateway. */
    public long queued() {
        return queued;
    }

    /** Accepted operations the gateway does not know at the end, or operations gone from a queue. Must be 0. */
    public long lost() {
        return lost;
    }

    /** Accepted operations whose state could not be asked at the end. */
    public long unverified() {
        return unverified;
    }

    /** Sends that failed and were retried (same opIds). */
    public long sendFailures() {
        return sendFailures;
    }

    public long scans() {
        return scans;
    }

    public long scanErrors() {
        return scanErrors;
    }

    /** Percentile {@code p} (0..100, nearest rank) of the time from enqueue to 202 in milliseconds; -1 if none. */
    public double timeTo202Millis(double p) {
        if (timesTo202Micros.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * timesTo202Micros.length);
        return timesTo202Micros[Math.max(0, Math.min(timesTo202Micros.length - 1, rank - 1))] / 1000.0;
    }

    public long durationMillis() {
        return durationMillis;
    }

    /** Setup failures and other notes, first of each kind. */
    public List<String> problems() {
        return problems;
    }

    /** Nothing lost and everything verified. */
    public boolean isClean() {
        return lost == 0 && unverified == 0;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "virtual PDAs: %d (%d ready), %.1f s%n", pdas, pdasReady,
                durationMillis / 1000.0));
        b.append(String.format(Locale.ROOT, "ops sent:        %d%n", sent));
        b.append(String.format(Locale.ROOT, "accepted (202):  %d%n", accepted));
        b.append(String.format(Locale.ROOT, "applied:         %d%n", applied));
        b.append(String.format(Locale.ROOT, "duplicate:       %d%n", duplicate));
        b.append(String.format(Locale.ROOT, "rejected:        %d (at gateway %d, by core %d)%n", rejected(),
                rejectedAtGateway, rejectedByCore));
        b.append(String.format(Locale.ROOT, "pending:         %d (accepted, not final at the gateway)%n", pending));
        b.append(String.format(Locale.ROOT, "queued:          %d (still on the devices)%n", queued));
        b.append(String.format(Locale.ROOT, "lost:            %d%n", lost));
        if (unverified > 0) {
            b.append(String.format(Locale.ROOT, "unverified:      %d (gateway unreachable at the end)%n",
                    unverified));
        }
        b.append(String.format(Locale.ROOT, "send failures:   %d (retried with the same opIds)%n", sendFailures));
        b.append(String.format(Locale.ROOT, "scans:           %d (%d failed)%n", scans, scanErrors));
        b.append(String.format(Locale.ROOT, "time to 202:     p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                timeTo202Millis(50), timeTo202Millis(99), timeTo202Millis(100)));
        b.append(String.format(Locale.ROOT, "throughput:      %.1f accepted ops/s%n",
                durationMillis == 0 ? 0.0 : accepted * 1000.0 / durationMillis));
        for (String p : problems) {
            b.append("problem: ").append(p).append(String.format("%n"));
        }
        return b.toString();
    }
}
