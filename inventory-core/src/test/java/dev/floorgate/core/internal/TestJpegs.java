package dev.floorgate.core.internal;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/**
 * JPEGs made in the test: an image drawn with Java2D and written by ImageIO (JFIF), into which a camera-like EXIF
 * APP1 is put by hand (little-endian TIFF, EXIF 2.3): IFD0 with the orientation and a GPS IFD pointer (tag 0x8825),
 * the GPS IFD with latitude N 52/1 31/1 123456/1000; and an XMP APP1 repeating the latitude as text.
 */
final class TestJpegs {
    /** The GPS latitude's three rationals as they sit in the file: bytes no scrubbed photo may still contain. */
    static final byte[] GPS_LATITUDE = rationals(52, 1, 31, 1, 123456, 1000);
    static final String XMP_GPS = "exif:GPSLatitude=\"52,31.123456N\"";

    private TestJpegs() {
    }

    /** A plain JFIF JPEG of the given size, different for each seed. */
    static byte[] plain(int width, int height, int seed) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(seed * 37 % 256, 80, 160), width, height,
                new Color(240, seed * 91 % 256, 30)));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.drawString("parcel " + seed, 10, 20);
        g.dispose();
        java.util.Random noise = new java.util.Random(seed); // noise makes sizes like a camera's, not a few KiB
        for (int y = 0; y < height; y += 2) {
            for (int x = 0; x < width; x += 2) {
                img.setRGB(x, y, img.getRGB(x, y) ^ noise.nextInt(0x3F3F3F));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@link #plain} with the EXIF (orientation + GPS) and XMP segments after JFIF's APP0. */
    static byte[] withGps(int width, int height, int seed, int orientation) {
        byte[] jpeg = plain(width, height, seed);
        int app0End = 2 + 2 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, app0End);
        byte[] exif = exif(orientation);
        segment(out, 0xE1, exif);
        byte[] xmp = ("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description " + XMP_GPS
                + "/></x:xmpmeta>").getBytes(StandardCharsets.UTF_8);
        segment(out, 0xE1, xmp);
        out.write(jpeg, app0End, jpeg.length - app0End);
        return out.toByteArray();
    }

    private static byte[] exif(int orientation) {
        ByteBuffer b = ByteBuffer.allocate(6 + 92).order(ByteOrder.LITTLE_ENDIAN);
        b.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);            // TIFF header, IFD0 at 8
        b.putShort((short) 2);                                                      // IFD0: 2 entries
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(38);        // GPS IFD at 38
        b.putInt(0);
        b.putShort((short) 2);                                                      // GPS IFD: 2 entries
        b.putShort((short) 1).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
        b.putShort((short) 2).putShort((short) 5).putInt(3).putInt(68);             // latitude at 68
        b.putInt(0);
        b.put(GPS_LATITUDE);
        return b.array();
    }

    private static byte[] rationals(int... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            b.putInt(x);
        }
        return b.array();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        int len = payload.length + 2;
        out.write(0xFF);
        out.write(marker);
        out.write(len >> 8);
        out.write(len & 0xFF);
        out.write(payload, 0, payload.length);
    }

    static BufferedImage decode(byte[] jpeg) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (img == null) {
                throw new AssertionError("not an image (" + jpeg.length + " bytes)");
            }
            return img;
        } catch (IOException e) {
            throw new AssertionError("does not decode: " + e, e);
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The payloads of every APP1 segment before SOS. */
    static java.util.List<byte[]> app1Segments(byte[] jpeg) {
        java.util.List<byte[]> out = new java.util.ArrayList<>();
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
            int marker = jpeg[pos + 1] & 0xFF;
            int len = ((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF);
            if (marker == 0xE1) {
                out.add(java.util.Arrays.copyOfRange(jpeg, pos + 4, pos + 2 + len));
            }
            if (marker == 0xDA) {
                break;
            }
            pos += 2 + len;
        }
        return out;
    }
}
