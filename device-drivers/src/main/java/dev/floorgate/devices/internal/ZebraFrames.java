package dev.floorgate.devices.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Zebra replies to {@code ~HS}, {@code ~HQ..} and {@code ~HI} come as STX ... ETX frames, with CR LF after the
 * ETX of {@code ~HS} frames (PROTOCOLS.md 2.1, 2.2). This splits reply bytes into frame contents; bytes outside
 * frames (CR, LF) are skipped, and an unfinished last frame is left out.
 */
public final class ZebraFrames {

    public static final byte STX = 0x02;
    public static final byte ETX = 0x03;

    private ZebraFrames() {
    }

    /** The contents of the complete frames in {@code bytes}, as ISO-8859-1 text. */
    public static List<String> split(byte[] bytes) {
        List<String> frames = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == STX) {
                start = i + 1;
            } else if (bytes[i] == ETX && start >= 0) {
                frames.add(new String(bytes, start, i - start, StandardCharsets.ISO_8859_1));
                start = -1;
            }
        }
        return frames;
    }

    /** Whether a frame is a {@code ~HQES} reply (it holds the {@code PRINTER STATUS}/{@code ERRORS:} lines). */
    public static boolean isExtendedStatus(String frame) {
        return frame.contains("ERRORS:") || frame.contains("PRINTER STATUS");
    }

    static boolean hasExtendedStatus(byte[] bytes) {
        for (String frame : split(bytes)) {
            if (isExtendedStatus(frame)) {
                return true;
            }
        }
        return false;
    }

    /** The number of {@code ~HS} frames (frames that are not a {@code ~HQES} reply). */
    static int hostStatusFrames(byte[] bytes) {
        int count = 0;
        for (String frame : split(bytes)) {
            if (!isExtendedStatus(frame)) {
                count++;
            }
        }
        return count;
    }
}
