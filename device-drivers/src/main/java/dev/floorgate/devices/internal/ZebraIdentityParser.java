package dev.floorgate.devices.internal;

import dev.floorgate.devices.PrinterIdentity;
import java.util.List;

/** Decodes a {@code ~HI} reply: {@code model,firmware,dots-per-mm,memory,options} in one frame (PROTOCOLS.md 2.2). */
public final class ZebraIdentityParser {

    private ZebraIdentityParser() {
    }

    /** @throws IllegalArgumentException when the reply holds no frame */
    public static PrinterIdentity parse(byte[] reply, String applName, String friendlyName) {
        List<String> frames = ZebraFrames.split(reply);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("~HI reply has no STX/ETX frame: " + Hex.printable(reply, 120));
        }
        String text = frames.get(0).trim();
        String[] f = text.split(",", 5);
        int dpmm;
        try {
            dpmm = f.length > 2 ? Integer.parseInt(f[2].trim()) : 0;
        } catch (NumberFormatException e) {
            dpmm = 0;
        }
        return new PrinterIdentity(field(f, 0), field(f, 1), dpmm, field(f, 3), field(f, 4), applName, friendlyName, text);
    }

    private static String field(String[] fields, int i) {
        return i < fields.length ? fields[i].trim() : "";
    }
}
