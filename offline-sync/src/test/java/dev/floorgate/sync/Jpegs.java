package dev.floorgate.sync;

import java.util.HexFormat;
import java.util.Random;

/** Test photos: JPEG-looking bytes (SOI + APP0 marker + random filler) of a given size; the gateway only hashes. */
final class Jpegs {
    private Jpegs() {
    }

    static byte[] of(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        b[2] = (byte) 0xFF;
        b[3] = (byte) 0xE0;
        return b;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }
}
