package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceEvent;
import dev.floorgate.devices.ScaleReading;
import dev.floorgate.devices.ScaleState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The MT-SICS side of one scale (PROTOCOLS.md 9.2): a command, its reply within a bound, the reply as a reading.
 * Never throws for device faults: no connection is DISCONNECTED, silence NOT_ANSWERING, a bad reply GARBAGE (also
 * a GARBAGE event). Remembers whether the scale was tared through it, since {@code S}/{@code SI} replies do not
 * say gross or net. Not thread-safe: the driver calls it under its lock, one exchange at a time.
 */
public final class SicsSession {

    private final String scale;
    private final DeviceTransport transport;
    private final int maxFrameLength;
    private final DeviceEventSink events;
    private boolean tared;
    /**
     * A command whose reply did not come in time and may still come. MT-SICS replies carry no tag, so the next
     * command waits (up to the answer timeout) for that late reply and drops it, rather than take it as its own.
     */
    private SicsRequest owed;
    private final Duration answerTimeout;

    public SicsSession(String scale, DeviceTransport transport, int maxFrameLength, Duration answerTimeout,
                       DeviceEventSink events) {
        this.scale = scale;
        this.answerTimeout = answerTimeout;
        this.transport = transport;
        this.maxFrameLength = maxFrameLength;
        this.events = events;
    }

    /** Sends {@code command} ({@code S}, {@code SI}, {@code Z}, {@code T}) and waits up to {@code wait} for its reply. */
    public ScaleReading ask(String command, Duration wait) {
        Instant now = Instant.now();
        if (!transport.isConnected()) {
            return ScaleReading.without(scale, ScaleState.DISCONNECTED, "scale '" + scale + "' is not connected; "
                    + command + " not sent", null, now);
        }
        settleOwedReply();
        SicsRequest request = new SicsRequest(command);
        transport.write(request).whenComplete((ok, failure) -> {
            if (failure != null) {
                request.reply().completeExceptionally(failure);
            }
        });
        ScaleLine line;
        try {
            line = request.reply().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | CancellationException e) {
            owed = request;
            return ScaleReading.without(scale, transport.isConnected() ? ScaleState.NOT_ANSWERING : ScaleState.DISCONNECTED,
                    "scale '" + scale + "' did not answer " + command + " within " + wait.toMillis() + " ms", null, now);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return ScaleReading.without(scale, transport.isConnected() ? ScaleState.NOT_ANSWERING : ScaleState.DISCONNECTED,
                    "scale '" + scale + "': " + command + " failed: " + (cause instanceof IOException ? cause.getMessage() : cause),
                    null, now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.abandon();
            return ScaleReading.without(scale, ScaleState.NOT_ANSWERING, "scale '" + scale + "': interrupted while waiting for "
                    + command, null, now);
        }
        owed = null;
        ScaleReading reading = SicsReplyParser.parse(scale, command, line, tared, maxFrameLength, now);
        if (reading.state() == ScaleState.GARBAGE) {
            events.emit(DeviceEvent.Kind.GARBAGE, reading.detail());
        }
        if (command.equals("Z") && reading.state() == ScaleState.STABLE) {
            tared = false; // MT-SICS: zeroing clears the tare
        } else if (command.equals("T") && reading.state() == ScaleState.STABLE) {
            tared = reading.weight().signum() != 0;
        }
        return reading;
    }

    /** Waits up to the answer timeout for the late reply of a command that timed out, and drops it. */
    private void settleOwedReply() {
        SicsRequest late = owed;
        owed = null;
        if (late == null) {
            return;
        }
        try {
            ScaleLine line = late.reply().get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
            String garbage = line.garbage(scale, maxFrameLength);
            if (garbage != null) {
                events.emit(DeviceEvent.Kind.GARBAGE, garbage + " (late reply to " + late.command() + ")");
            }
        } catch (TimeoutException | ExecutionException | CancellationException e) {
            // no late reply (or the connection went): nothing is owed any more; the next write supersedes it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        late.abandon();
    }
}
