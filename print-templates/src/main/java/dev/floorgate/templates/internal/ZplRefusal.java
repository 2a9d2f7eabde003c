package dev.floorgate.templates.internal;

/** The first thing in a raw label a LAN client may not send: the command as written, its byte offset, why. */
public record ZplRefusal(String command, int offset, String reason) {
}
