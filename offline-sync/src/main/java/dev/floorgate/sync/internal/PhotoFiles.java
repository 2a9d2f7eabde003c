package dev.floorgate.sync.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/** The photo buffer's files: temp write with hashing and a bound, fsync, atomic rename, directory fsync. */
public final class PhotoFiles {
    public static final String TEMP_PREFIX = "incoming-";
    public static final String TEMP_SUFFIX = ".tmp";
    public static final String SUFFIX = ".jpg";

    private PhotoFiles() {
    }

    /**
     * Owner-only permissions for a new file or folder in {@code dir} where the file system has POSIX modes (parcel
     * photos are customers' data: the gateway's data folder is owner-only, and so is everything in it); none
     * elsewhere.
     */
    public static java.nio.file.attribute.FileAttribute<?>[] ownerOnly(Path dir, String mode) {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new java.nio.file.attribute.FileAttribute<?>[0];
        }
        return new java.nio.file.attribute.FileAttribute<?>[] {java.nio.file.attribute.PosixFilePermissions
                .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString(mode))};
    }

    /** A temp file written and fsynced: where it is, its size and the SHA-256 of its bytes. */
    public record Written(Path temp, long size, String sha256) {
    }

    /**
     * Copies {@code in} into a new temp file in {@code dir}, at most {@code maxBytes} (more is refused by name, the
     * temp file removed), and fsyncs it.
     */
    public static Written writeTemp(Path dir, InputStream in, long maxBytes) throws IOException {
        Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID() + TEMP_SUFFIX);
        MessageDigest sha = sha256();
        long size = 0;
        boolean ok = false;
        try (FileChannel ch = FileChannel.open(temp, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), ownerOnly(dir, "rw-------"))) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                size += n;
                if (size > maxBytes) {
                    throw new IllegalArgumentException("photo exceeds the largest photo of " + maxBytes
                            + " bytes (read " + size + " bytes so far)");
                }
                sha.update(buf, 0, n);
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
            }
            ch.force(true);
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(temp);
            }
        }
        return new Written(temp, size, HexFormat.of().formatHex(sha.digest()));
    }

    /** Renames {@code temp} to {@code target} atomically and fsyncs the directory, so the name survives a crash. */
    public static void publish(Path temp, Path target) throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDir(target.getParent());
    }

    public static void syncDir(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** Reads up to {@code len} bytes at {@code offset} of {@code file}. */
    public static byte[] readChunk(Path file, long offset, int len) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer bb = ByteBuffer.allocate(len);
            long pos = offset;
            while (bb.hasRemaining()) {
                int n = ch.read(bb, pos);
                if (n < 0) {
                    break;
                }
                pos += n;
            }
            byte[] out = new byte[bb.position()];
            bb.flip();
            bb.get(out);
            return out;
        }
    }

    /** Whether the stream starts like a JPEG (SOI marker followed by a marker): FF D8 FF. */
    public static boolean looksLikeJpeg(byte[] head, int n) {
        return n >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF;
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
