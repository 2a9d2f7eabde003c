package dev.floorgate.gateway.internal.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway's HMAC key for enrollment codes: 32 random bytes in {@code <data dir>/enrollment.key}, made 0600 on
 * first start (issue 22 finding 6a). A copy of gateway.db without this file cannot test guesses of a code offline,
 * which an unsalted SHA-256 of a 10-character code allowed.
 */
final class ServerKey {
    static final String FILE = "enrollment.key";
    private final byte[] key;

    private ServerKey(byte[] key) {
        this.key = key;
    }

    /** Reads the key beside gateway.db, or makes it (owner read/write only where the file system has modes). */
    static ServerKey loadOrCreate(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException e) {
                    return read(file); // made by a racing start: use it
                }
                Files.write(file, fresh, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
                return new ServerKey(fresh);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the enrollment key " + file + ": " + e.getMessage(),
                    e);
        }
    }

    private static ServerKey read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 32) {
            throw new IOException("the enrollment key " + file + " has " + bytes.length + " bytes, not 32; delete it "
                    + "to make a new one (unused enrollment codes then stop working)");
        }
        return new ServerKey(bytes);
    }

    /** Hex HMAC-SHA256 of {@code text} under this key. */
    String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java", e);
        }
    }
}
