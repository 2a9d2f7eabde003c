package dev.floorgate.devices.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Zebra UDP discovery exchange on port 4201 (PROTOCOLS.md 3; known from open-source clients, not from a
 * Zebra document). The request is the six bytes {@code 2E 2C 3A 01 00 00}. The reply carries, at fixed offsets:
 * bytes 12-31 model (NUL-padded ASCII), 60-69 serial number, 72-75 IPv4 address, 84-108 system name. The other
 * bytes are unknown; our simulator's reply is {@value #REPLY_LENGTH} bytes starting with {@code 3A 2C 2E 01}.
 */
public final class DiscoveryPacket {

    public static final int DEFAULT_PORT = 4201;
    public static final String MULTICAST_GROUP = "224.0.1.55";
    public static final int REPLY_LENGTH = 128;

    private static final byte[] REQUEST = {0x2E, 0x2C, 0x3A, 0x01, 0x00, 0x00};
    private static final int MODEL_AT = 12;
    private static final int MODEL_LENGTH = 20;
    private static final int SERIAL_AT = 60;
    private static final int SERIAL_LENGTH = 10;
    private static final int ADDRESS_AT = 72;
    private static final int NAME_AT = 84;
    private static final int NAME_LENGTH = 25;
    /** A reply must reach the address field to be of use. */
    private static final int MIN_REPLY = ADDRESS_AT + 4;

    private DiscoveryPacket() {
    }

    public static byte[] request() {
        return REQUEST.clone();
    }

    public static boolean isRequest(byte[] data, int length) {
        return length >= REQUEST.length && Arrays.equals(data, 0, REQUEST.length, REQUEST, 0, REQUEST.length);
    }

    /** A reply as a printer with these properties would send it; longer strings are cut to their fields. */
    public static byte[] reply(String model, String serial, byte[] ipv4, String name) {
        if (ipv4.length != 4) {
            throw new IllegalArgumentException("discovery reply needs an IPv4 address of 4 bytes, got " + ipv4.length);
        }
        byte[] reply = new byte[REPLY_LENGTH];
        reply[0] = 0x3A;
        reply[1] = 0x2C;
        reply[2] = 0x2E;
        reply[3] = 0x01;
        put(reply, MODEL_AT, MODEL_LENGTH, model);
        put(reply, SERIAL_AT, SERIAL_LENGTH, serial);
        System.arraycopy(ipv4, 0, reply, ADDRESS_AT, 4);
        put(reply, NAME_AT, NAME_LENGTH, name);
        return reply;
    }

    /** The fields of a reply; null when it is too short to be one (our own request echoed, say). */
    public static Reply parse(byte[] data, int length) {
        if (length < MIN_REPLY || isRequest(data, length)) {
            return null;
        }
        String address;
        try {
            address = InetAddress.getByAddress(Arrays.copyOfRange(data, ADDRESS_AT, ADDRESS_AT + 4)).getHostAddress();
        } catch (UnknownHostException e) {
            return null; // cannot happen for 4 bytes
        }
        return new Reply(get(data, length, MODEL_AT, MODEL_LENGTH), get(data, length, SERIAL_AT, SERIAL_LENGTH),
                address, get(data, length, NAME_AT, NAME_LENGTH));
    }

    private static void put(byte[] target, int at, int length, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, target, at, Math.min(length, bytes.length));
    }

    private static String get(byte[] data, int length, int at, int fieldLength) {
        int end = Math.min(length, at + fieldLength);
        int stop = at;
        while (stop < end && data[stop] != 0) {
            stop++;
        }
        return stop <= at ? "" : new String(data, at, stop - at, StandardCharsets.US_ASCII).trim();
    }

    /** The fields of one discovery reply. */
    public static final class Reply {
        public final String model;
        public final String serial;
        public final String address;
        public final String name;

        Reply(String model, String serial, String address, String name) {
            this.model = model;
            this.serial = serial;
            this.address = address;
            this.name = name;
        }
    }
}
