package dev.floorgate.devices.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * One query to a Zebra printer and the reply it expects. The printer answers only queries, never print data
 * (PROTOCOLS.md 1.1), and nothing in a reply names the query, so replies are matched by order and shape: the
 * {@link ZebraReplyMatcher} collects bytes for the one pending request until {@link #isComplete} says the reply
 * is whole. A query the printer ignores simply never completes: the caller's timeout decides, and
 * {@link #receivedSoFar()} tells what did arrive (the {@code ~HS} part of {@code ~HS~HQES}, say).
 */
public final class ZebraRequest {

    private final String description;
    private final byte[] bytes;
    private final Predicate<byte[]> complete;
    private final CompletableFuture<byte[]> reply = new CompletableFuture<>();
    private volatile byte[] receivedSoFar = new byte[0];

    private ZebraRequest(String description, String command, Predicate<byte[]> complete) {
        this.description = description;
        this.bytes = command.getBytes(StandardCharsets.US_ASCII);
        this.complete = complete;
    }

    /** {@code ~HS}: three frames. */
    public static ZebraRequest hostStatus() {
        return new ZebraRequest("~HS", "~HS", reply -> ZebraFrames.hostStatusFrames(reply) >= 3);
    }

    /**
     * {@code ~HS~HQES} in one go: both are control commands, answered in order, and a printer in a fault state
     * answers the second while it stays silent on the first (PROTOCOLS.md 2.1). Complete with the ~HQES frame.
     */
    public static ZebraRequest hostAndExtendedStatus() {
        return new ZebraRequest("~HS~HQES", "~HS~HQES", ZebraFrames::hasExtendedStatus);
    }

    /** {@code ~HI}: one frame {@code model,firmware,dpmm,memory,options}. */
    public static ZebraRequest identity() {
        return new ZebraRequest("~HI", "~HI", reply -> !ZebraFrames.split(reply).isEmpty());
    }

    /** SGD {@code ! U1 getvar "name"}: the reply is the value in double quotes. */
    public static ZebraRequest getVar(String name) {
        Sgd.requireName(name);
        return new ZebraRequest("getvar \"" + name + "\"", "! U1 getvar \"" + name + "\"\r\n",
                reply -> quotes(reply) >= 2);
    }

    /** The value between the first two double quotes of an SGD reply. */
    public static String quotedValue(byte[] reply) {
        String text = new String(reply, StandardCharsets.ISO_8859_1);
        int open = text.indexOf('"');
        int close = open < 0 ? -1 : text.indexOf('"', open + 1);
        if (close < 0) {
            throw new IllegalArgumentException("SGD reply has no quoted value: " + Hex.printable(reply, 80));
        }
        return text.substring(open + 1, close);
    }

    private static int quotes(byte[] reply) {
        int n = 0;
        for (byte b : reply) {
            if (b == '"') {
                n++;
            }
        }
        return n;
    }

    public String description() {
        return description;
    }

    byte[] bytes() {
        return bytes;
    }

    boolean isComplete(byte[] received) {
        return complete.test(received);
    }

    /** Completes with the whole reply; fails with an IOException when the connection fails. */
    public CompletableFuture<byte[]> reply() {
        return reply;
    }

    /** What arrived for this request so far (all of it once complete). */
    public byte[] receivedSoFar() {
        return receivedSoFar;
    }

    void progress(byte[] received) {
        receivedSoFar = received;
    }

    void fail(Throwable cause) {
        reply.completeExceptionally(cause instanceof IOException ? cause
                : new IOException(description + " failed: " + cause, cause));
    }

    boolean isDone() {
        return reply.isDone();
    }

    /** Gives up waiting: later bytes are no longer collected for this request. */
    public void abandon() {
        reply.cancel(false);
    }

    @Override
    public String toString() {
        return "ZebraRequest{" + description + "}";
    }
}
