package dev.floorgate.core.internal;

import java.io.ByteArrayOutputStream;

/**
 * Takes the location (and every other personal detail) out of a JPEG before it is stored, keeping its orientation.
 *
 * <p>Why by hand rather than with a library: what must go is clear at the segment level, and a library that edits
 * EXIF (Commons Imaging is still an alpha) keeps what it does not know about. So the whole of every segment that can
 * carry a location is dropped: APP1 (EXIF with its GPS directory, and XMP, which can repeat it), APP13 (Photoshop
 * IRB / IPTC, which has location fields) and COM (free text). The one EXIF fact a viewer needs, the orientation
 * (tag 0x0112 of IFD0), is read first and written back as a new minimal EXIF segment holding only it. Everything
 * else (JFIF, ICC profile, Adobe, tables, frames, the entropy-coded data after SOS) is copied byte for byte, so the
 * image decodes exactly as before.
 */
final class JpegScrubber {
    private static final int SOI = 0xD8;
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;
    private static final int APP0 = 0xE0;
    private static final int APP1 = 0xE1;
    private static final int APP13 = 0xED;
    private static final int COM = 0xFE;
    private static final int TAG_ORIENTATION = 0x0112;

    private JpegScrubber() {
    }

    /** The scrubbed JPEG and the orientation it keeps (1 = upright, also when the photo had none). */
    record Result(byte[] jpeg, int orientation) {
    }

    /** @throws IllegalArgumentException when the bytes are not a JPEG whose segments can be walked */
    static Result scrub(byte[] in) {
        if (in.length < 4 || (in[0] & 0xFF) != 0xFF || (in[1] & 0xFF) != SOI) {
            throw new IllegalArgumentException("the photo is not a JPEG: it does not start with FF D8 ("
                    + in.length + " bytes)");
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream(in.length);
        int orientation = 1;
        boolean exifWritten = false;
        int pos = 2;
        while (true) {
            if (pos + 1 >= in.length) {
                throw new IllegalArgumentException("the JPEG ends at byte " + in.length + " before its image data "
                        + "(no SOS segment)");
            }
            if ((in[pos] & 0xFF) != 0xFF) {
                throw new IllegalArgumentException("the JPEG has no segment marker at byte " + pos + " (found 0x"
                        + Integer.toHexString(in[pos] & 0xFF) + ")");
            }
            int marker = in[pos + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte before a marker
                pos++;
                continue;
            }
            if (marker == EOI) {
                throw new IllegalArgumentException("the JPEG ends (EOI at byte " + pos + ") before its image data");
            }
            if (marker == SOI || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                throw new IllegalArgumentException("the JPEG has the stand-alone marker 0xFF" + Integer.toHexString(
                        marker).toUpperCase(java.util.Locale.ROOT) + " at byte " + pos + " before its image data");
            }
            if (pos + 3 >= in.length) {
                throw new IllegalArgumentException("the JPEG's segment at byte " + pos + " has no length");
            }
            int length = ((in[pos + 2] & 0xFF) << 8) | (in[pos + 3] & 0xFF);
            int end = pos + 2 + length;
            if (length < 2 || end > in.length) {
                throw new IllegalArgumentException("the JPEG's segment 0xFF" + Integer.toHexString(marker)
                        .toUpperCase(java.util.Locale.ROOT) + " at byte " + pos + " declares " + length
                        + " bytes, past the end at " + in.length);
            }
            if (marker == APP1) {
                Integer o = orientation(in, pos + 4, end);
                if (o != null) {
                    orientation = o;
                }
            } else if (marker != APP13 && marker != COM) {
                if (marker != APP0 && !exifWritten) {
                    // EXIF belongs right after SOI or JFIF's APP0, before the tables
                    writeOrientationExif(kept, orientation);
                    exifWritten = true;
                }
                kept.write(in, pos, end - pos);
            }
            if (marker == SOS) {
                kept.write(in, end, in.length - end); // entropy-coded data and everything after: unchanged
                break;
            }
            pos = end;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(kept.size() + 2);
        out.write(0xFF);
        out.write(SOI);
        out.write(kept.toByteArray(), 0, kept.size());
        return new Result(out.toByteArray(), orientation);
    }

    /** IFD0's orientation of an EXIF APP1 payload [from, to), or null (XMP, no EXIF, no tag, or unreadable). */
    static Integer orientation(byte[] b, int from, int to) {
        if (to - from < 14 || b[from] != 'E' || b[from + 1] != 'x' || b[from + 2] != 'i' || b[from + 3] != 'f'
                || b[from + 4] != 0 || b[from + 5] != 0) {
            return null;
        }
        int tiff = from + 6;
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return null;
        }
        long ifd = u32(b, tiff + 4, little);
        if (ifd < 8 || tiff + ifd + 2 > to) {
            return null;
        }
        int at = (int) (tiff + ifd);
        int count = u16(b, at, little);
        for (int i = 0; i < count; i++) {
            int entry = at + 2 + 12 * i;
            if (entry + 12 > to) {
                return null;
            }
            if (u16(b, entry, little) == TAG_ORIENTATION && u16(b, entry + 2, little) == 3) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : null;
            }
        }
        return null;
    }

    /** A minimal big-endian EXIF APP1: IFD0 with the orientation only (nothing when upright: no EXIF at all). */
    private static void writeOrientationExif(ByteArrayOutputStream out, int orientation) {
        if (orientation == 1) {
            return;
        }
        byte[] seg = {
            (byte) 0xFF, (byte) APP1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
            'M', 'M', 0, 0x2A, 0, 0, 0, 8,        // TIFF header, IFD0 at 8
            0, 1,                                 // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // orientation, SHORT, 1 value
            0, 0, 0, 0                            // no next IFD
        };
        out.write(seg, 0, seg.length);
    }

    private static int u16(byte[] b, int at, boolean little) {
        return little ? (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 : (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static long u32(byte[] b, int at, boolean little) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = little ? v | (long) (b[at + i] & 0xFF) << (8 * i) : v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }
}
