package dev.floorgate.devices.internal;

import dev.floorgate.devices.ScaleReading;
import dev.floorgate.devices.ScaleState;
import java.time.Instant;

/**
 * One MT-SICS reply line to a reading (PROTOCOLS.md 9.2), a pure function. A reply is the command's name, a
 * space, a status letter and, for weights, the value and the unit: {@code S S     12.345 kg} (stable),
 * {@code S D      0.120 kg} (dynamic, from {@code SI}), {@code S I} (not executable: busy, or no stability in
 * time), {@code S +} / {@code S -} (over/underload); {@code Z A} (zero set), {@code T S   0.850 kg} (tare stored),
 * with {@code I}, {@code +}, {@code -} as for {@code S}; {@code ES}, {@code ET}, {@code EL} (syntax, transmission,
 * logical error). A reply to another command than the one asked, or anything not in this list, is GARBAGE: it
 * never becomes a weight.
 */
final class SicsReplyParser {

    private SicsReplyParser() {
    }

    /**
     * @param command the command that was sent: {@code S}, {@code SI}, {@code Z} or {@code T}
     * @param net whether a weight in this reply is net (the driver knows whether it tared)
     */
    static ScaleReading parse(String scale, String command, ScaleLine line, boolean net, int maxFrameLength, Instant at) {
        byte[] raw = line.bytes;
        String garbage = line.garbage(scale, maxFrameLength);
        if (garbage != null) {
            return ScaleReading.without(scale, ScaleState.GARBAGE, garbage, raw, at);
        }
        String text = line.text();
        String trimmed = text.trim();
        switch (trimmed) {
            case "ES":
                return refused(scale, raw, at, "answered " + command + " with ES: syntax error (command not known)");
            case "ET":
                return refused(scale, raw, at, "answered " + command + " with ET: transmission error");
            case "EL":
                return refused(scale, raw, at, "answered " + command + " with EL: logical error (cannot execute now)");
            default:
                break;
        }
        String id = command.equals("SI") ? "S" : command;
        if (trimmed.length() < id.length() + 2 || !trimmed.startsWith(id + " ")) {
            return garbage(scale, raw, at, "'" + text + "' does not answer " + command);
        }
        String rest = trimmed.substring(id.length() + 1).trim();
        char status = rest.charAt(0);
        String value = rest.substring(1);
        boolean bare = value.isEmpty();
        switch (status) {
            case 'I':
                if (!bare) {
                    break;
                }
                return ScaleReading.without(scale, ScaleState.UNSTABLE, "scale '" + scale + "' could not execute "
                        + command + " (" + id + " I: busy, or not settled in time)", raw, at);
            case '+':
                if (!bare) {
                    break;
                }
                return ScaleReading.without(scale, ScaleState.OVERLOAD, "scale '" + scale + "' is in overload ("
                        + id + " +)", raw, at);
            case '-':
                if (!bare) {
                    break;
                }
                return ScaleReading.without(scale, ScaleState.UNDERLOAD, "scale '" + scale + "' is in underload ("
                        + id + " -)", raw, at);
            case 'A':
                if (bare && id.equals("Z")) {
                    return ScaleReading.without(scale, ScaleState.STABLE, "scale '" + scale + "' set zero (Z A)", raw, at);
                }
                break;
            case 'S':
            case 'D':
                if (bare || !value.startsWith(" ") || id.equals("Z") || (status == 'D' && !id.equals("S"))) {
                    break;
                }
                ScaleWeights.Parsed w = ScaleWeights.parse(value);
                if (w.problem != null) {
                    return garbage(scale, raw, at, "reply to " + command + ": " + w.problem);
                }
                return ScaleReading.weighed(scale, status == 'S' ? ScaleState.STABLE : ScaleState.UNSTABLE, w.weight,
                        w.unit, !id.equals("T") && net, raw, at);
            default:
                break;
        }
        return garbage(scale, raw, at, "'" + text + "' is not an MT-SICS reply to " + command);
    }

    private static ScaleReading refused(String scale, byte[] raw, Instant at, String why) {
        return ScaleReading.without(scale, ScaleState.REFUSED, "scale '" + scale + "' " + why, raw, at);
    }

    private static ScaleReading garbage(String scale, byte[] raw, Instant at, String why) {
        return ScaleReading.without(scale, ScaleState.GARBAGE, "scale '" + scale + "' sent garbage: " + why + " ("
                + Hex.dump(raw, ScaleLine.HEX_LIMIT) + ")", raw, at);
    }
}
