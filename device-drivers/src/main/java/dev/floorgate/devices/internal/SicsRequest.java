package dev.floorgate.devices.internal;

import java.util.concurrent.CompletableFuture;

/** One MT-SICS command on its way to the scale and the line that answers it ({@link SicsReplyMatcher}). */
final class SicsRequest {

    private final String command;
    private final CompletableFuture<ScaleLine> reply = new CompletableFuture<>();

    SicsRequest(String command) {
        this.command = command;
    }

    String command() {
        return command;
    }

    /** The command as sent: its name, CR LF (PROTOCOLS.md 9.2). */
    byte[] bytes() {
        return (command + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    CompletableFuture<ScaleLine> reply() {
        return reply;
    }

    /** The waiter gave up: a reply that comes later is a stray line, not this command's answer. */
    void abandon() {
        reply.cancel(false);
    }
}
