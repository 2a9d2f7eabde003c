package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceUrl;
import dev.floorgate.devices.PrinterIdentity;
import dev.floorgate.devices.PrinterState;
import dev.floorgate.devices.PrinterStatus;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The protocol side of one Zebra printer (PROTOCOLS.md 1-2): queries matched with their replies within the
 * status timeout, jobs sent in chunks whose progress is counted, SGD lines. Status is {@code ~HS~HQES} in one
 * round trip (a printer in a fault state stays silent on {@code ~HS} but answers {@code ~HQES}); a printer that
 * answers {@code ~HS} but never {@code ~HQES} three times running is asked {@code ~HS} alone from then on.
 * Not thread-safe: the driver calls it under its per-printer lock, one exchange at a time.
 */
public final class ZebraConnection {

    /** Jobs go out in chunks of this size, so that a failure can say how far the job got. */
    static final int CHUNK_BYTES = 16 * 1024;
    private static final int HQES_MISSES_TO_GIVE_UP = 3;

    private final String printer;
    private final DeviceUrl url;
    private final DeviceTransport transport;
    private final Duration statusTimeout;
    private final Duration connectTimeout;
    private final Duration writeTimeout;
    private int hqesMisses;

    /** How far a job got: bytes accepted by the connection, and the failure that stopped it (null when none). */
    public static final class SendResult {
        public final long sent;
        public final IOException failure;

        SendResult(long sent, IOException failure) {
            this.sent = sent;
            this.failure = failure;
        }
    }

    public ZebraConnection(String printer, DeviceUrl url, DeviceTransport transport, Duration statusTimeout,
                           Duration connectTimeout, Duration writeTimeout) {
        this.printer = printer;
        this.url = url;
        this.transport = transport;
        this.statusTimeout = statusTimeout;
        this.connectTimeout = connectTimeout;
        this.writeTimeout = writeTimeout;
    }

    /**
     * Asks for status. Never throws: no connection is DISCONNECTED, silence NOT_ANSWERING.
     *
     * @param reconnect when not connected, try at once (waiting up to the connect timeout) instead of reporting
     *                  DISCONNECTED
     */
    public PrinterStatus queryStatus(boolean reconnect) {
        Instant now = Instant.now();
        if (!transport.isConnected() && !(reconnect && awaitConnection())) {
            return PrinterStatus.without(PrinterState.DISCONNECTED, "not connected to " + url, now);
        }
        boolean askExtended = hqesMisses < HQES_MISSES_TO_GIVE_UP;
        ZebraRequest request = askExtended ? ZebraRequest.hostAndExtendedStatus() : ZebraRequest.hostStatus();
        byte[] reply;
        try {
            reply = exchange(request);
        } catch (IOException e) {
            return PrinterStatus.without(transport.isConnected() ? PrinterState.NOT_ANSWERING : PrinterState.DISCONNECTED,
                    "status query failed: " + e.getMessage(), now);
        }
        if (askExtended) {
            boolean hostStatus = ZebraFrames.hostStatusFrames(reply) >= 3;
            hqesMisses = hostStatus && !ZebraFrames.hasExtendedStatus(reply) ? hqesMisses + 1 : 0;
        }
        PrinterStatus status = ZebraStatusParser.parse(reply, now);
        if (status.state() == PrinterState.NOT_ANSWERING) {
            return PrinterStatus.without(PrinterState.NOT_ANSWERING, "no reply to " + request.description() + " within "
                    + statusTimeout.toMillis() + " ms (a printer in a fault state may stay silent)", now);
        }
        return status;
    }

    /**
     * Sends a job in chunks, all queued at once, then waits for each to be accepted (at most the write timeout
     * per chunk, so a printer that stops reading is noticed, and the connection is then dropped).
     */
    public SendResult send(byte[] bytes) {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
            writes.add(transport.write(Unpooled.wrappedBuffer(bytes, offset, Math.min(CHUNK_BYTES, bytes.length - offset))));
        }
        long sent = 0;
        for (int i = 0; i < writes.size(); i++) {
            try {
                writes.get(i).get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
                sent += Math.min(CHUNK_BYTES, bytes.length - (long) i * CHUNK_BYTES);
            } catch (ExecutionException e) {
                return new SendResult(sent, asIoException(e.getCause()));
            } catch (TimeoutException e) {
                transport.disconnect("a job write timed out after " + writeTimeout.toMillis() + " ms");
                return new SendResult(sent, new IOException("the printer accepted no data for " + writeTimeout.toMillis()
                        + " ms (writeTimeout)"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                transport.disconnect("the sending thread was interrupted");
                return new SendResult(sent, new IOException("interrupted while sending"));
            }
        }
        return new SendResult(sent, null);
    }

    /** SGD getvar; the printer's {@code "?"} for unknown names is returned as is. */
    public String getVar(String variable) throws IOException {
        ZebraRequest request = ZebraRequest.getVar(variable);
        requireConnection(request.description());
        return ZebraRequest.quotedValue(exchangeOrThrow(request));
    }

    /** SGD setvar; the printer sends no reply. */
    public void setVar(String variable, String value) throws IOException {
        byte[] line = Sgd.setVar(variable, value);
        String what = "setvar \"" + variable + "\"";
        requireConnection(what);
        try {
            transport.write(Unpooled.wrappedBuffer(line)).get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("printer '" + printer + "': " + what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            transport.disconnect(what + " timed out");
            throw new IOException("printer '" + printer + "': " + what + " not accepted within " + writeTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("printer '" + printer + "': interrupted during " + what);
        }
    }

    /** {@code ~HI}, then {@code appl.name} and {@code device.friendly_name} (empty when SGD does not answer). */
    public PrinterIdentity identity() throws IOException {
        requireConnection("~HI");
        byte[] hi = exchangeOrThrow(ZebraRequest.identity());
        return ZebraIdentityParser.parse(hi, optionalVar("appl.name"), optionalVar("device.friendly_name"));
    }

    /**
     * Sends a query and waits the status timeout for its reply: the whole reply, or whatever arrived (possibly
     * nothing) when the time is up.
     *
     * @throws IOException when the connection fails
     */
    private byte[] exchange(ZebraRequest request) throws IOException {
        transport.write(request).whenComplete((ok, failure) -> {
            if (failure != null) {
                request.reply().completeExceptionally(failure);
            }
        });
        try {
            return request.reply().get(statusTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | CancellationException e) {
            request.abandon();
            return request.receivedSoFar();
        } catch (ExecutionException e) {
            throw asIoException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.abandon();
            throw new IOException("printer '" + printer + "': interrupted while waiting for " + request.description());
        }
    }

    private byte[] exchangeOrThrow(ZebraRequest request) throws IOException {
        byte[] reply = exchange(request);
        if (request.reply().isCancelled()) {
            throw new IOException("printer '" + printer + "' did not answer " + request.description() + " within "
                    + statusTimeout.toMillis() + " ms");
        }
        return reply;
    }

    private String optionalVar(String variable) {
        try {
            return ZebraRequest.quotedValue(exchangeOrThrow(ZebraRequest.getVar(variable)));
        } catch (IOException | IllegalArgumentException e) {
            return "";
        }
    }

    private boolean awaitConnection() {
        try {
            return transport.awaitConnected(connectTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void requireConnection(String what) throws IOException {
        if (!transport.isConnected() && !awaitConnection()) {
            throw new IOException("printer '" + printer + "' is not connected (" + url + "); " + what + " not sent");
        }
    }

    private IOException asIoException(Throwable cause) {
        return cause instanceof IOException ? (IOException) cause
                : new IOException("printer '" + printer + "': " + cause, cause);
    }
}
