package dev.floorgate.devices.internal;

import dev.floorgate.devices.ScaleReading;
import dev.floorgate.devices.ScaleState;
import java.time.Instant;

/**
 * One line of a continuous-output scale to a reading (PROTOCOLS.md 9.3), a pure function: {@code <status>,<kind>,
 * <weight> <unit>} where status is {@code ST} (stable), {@code US} (unstable), {@code OL} (overload) or {@code UL}
 * (underload), kind is {@code GS} (gross) or {@code NT} (net), and the weight is signed and padded
 * ({@code ST,GS,+0012.345 kg}, {@code US,NT,-   0.15,lb}, {@code ST,GS,    0.0,kg}). OL and UL lines carry no
 * weight whatever digits follow. Anything else is GARBAGE.
 */
final class ContinuousLineParser {

    private ContinuousLineParser() {
    }

    static ScaleReading parse(String scale, ScaleLine line, int maxFrameLength, Instant at) {
        byte[] raw = line.bytes;
        String garbage = line.garbage(scale, maxFrameLength);
        if (garbage != null) {
            return ScaleReading.without(scale, ScaleState.GARBAGE, garbage, raw, at);
        }
        String text = line.text();
        String[] fields = text.trim().split(",", 3);
        if (fields.length < 3) {
            return garbage(scale, raw, at, "'" + text + "' is not status,kind,weight");
        }
        ScaleState state;
        switch (fields[0].trim()) {
            case "ST": state = ScaleState.STABLE; break;
            case "US": state = ScaleState.UNSTABLE; break;
            case "OL":
                return ScaleReading.without(scale, ScaleState.OVERLOAD, "scale '" + scale + "' is in overload (OL)", raw, at);
            case "UL":
                return ScaleReading.without(scale, ScaleState.UNDERLOAD, "scale '" + scale + "' is in underload (UL)", raw, at);
            default:
                return garbage(scale, raw, at, "status '" + fields[0] + "' is not ST, US, OL or UL");
        }
        boolean net;
        switch (fields[1].trim()) {
            case "GS": net = false; break;
            case "NT": net = true; break;
            default:
                return garbage(scale, raw, at, "'" + fields[1] + "' is not GS (gross) or NT (net)");
        }
        ScaleWeights.Parsed w = ScaleWeights.parse(fields[2]);
        if (w.problem != null) {
            return garbage(scale, raw, at, w.problem);
        }
        return ScaleReading.weighed(scale, state, w.weight, w.unit, net, raw, at);
    }

    private static ScaleReading garbage(String scale, byte[] raw, Instant at, String why) {
        return ScaleReading.without(scale, ScaleState.GARBAGE, "scale '" + scale + "' sent garbage: " + why + " ("
                + Hex.dump(raw, ScaleLine.HEX_LIMIT) + ")", raw, at);
    }
}
