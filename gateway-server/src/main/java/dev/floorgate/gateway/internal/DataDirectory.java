package dev.floorgate.gateway.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory ({@code fg.data-dir}) kept to its owner (issue 22 finding 6c): it holds the admin password
 * hash, device token hashes, the operation outbox, cached orders and the site CA's private key, which were 0644
 * files in a 0755 folder.
 *
 * <p>The folder is made 0700. New SQLite files are made 0600 by the sqlite-store kit and the TLS key stores by
 * {@code SiteCertificates}; at every start this check walks the folder and fixes anything the group or others may
 * read, write or enter: a file becomes owner-only (0600, or 0700 when it is a directory), with a warning naming it
 * and its old mode. Fixed, not refused: such files come from gateways before this check or from a copy made with a
 * wide umask, and the gateway is their owner, so taking the access away is exactly what site IT would do; refusing
 * to start would only stop the floor. When a mode cannot be changed (a file of another user, a read-only mount) the
 * start is refused with an IOException naming the file: a secret readable by others that the gateway cannot
 * protect is for site IT to decide. On a file system without POSIX permissions (a Windows disk) the check logs once
 * and the gateway goes on; the folder's ACLs are then the OS's business.
 */
public final class DataDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    /** How deep the check looks: the data dir, tls/, and a level below for whatever comes later. */
    private static final int MAX_DEPTH = 3;
    private static final AtomicBoolean NOT_POSIX_LOGGED = new AtomicBoolean();

    private DataDirectory() {
    }

    /**
     * Creates {@code dataDir} (0700) if missing and makes it and everything in it owner-only.
     *
     * @return the absolute, normalised directory
     * @throws IOException when the directory cannot be made, or a mode that lets others in cannot be changed
     */
    public static Path secure(Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (posix && !Files.exists(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new IOException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
        if (!posix) {
            if (NOT_POSIX_LOGGED.compareAndSet(false, true)) {
                LOG.warn("the data directory {} is on a file system without POSIX permissions; its files are "
                        + "protected only by that file system's own access rules", dir);
            }
            return dir;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, MAX_DEPTH)) {
            walk.forEach(all::add);
        }
        for (Path p : all) {
            ownerOnly(p);
        }
        return dir;
    }

    private static void ownerOnly(Path p) throws IOException {
        if (Files.isSymbolicLink(p)) {
            return; // the link's own mode means nothing; its target is not ours to change
        }
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return; // a -wal or -shm removed by a close meanwhile
        }
        if (mode.stream().noneMatch(NOT_OWNER::contains)) {
            return;
        }
        Set<PosixFilePermission> fixed = EnumSet.noneOf(PosixFilePermission.class);
        fixed.add(PosixFilePermission.OWNER_READ);
        fixed.add(PosixFilePermission.OWNER_WRITE);
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            fixed.add(PosixFilePermission.OWNER_EXECUTE);
        }
        String was = PosixFilePermissions.toString(mode);
        try {
            Files.setPosixFilePermissions(p, fixed);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new IOException("the data directory's " + p + " is " + was + " (the group or others may use it) "
                    + "and the gateway cannot make it owner-only: " + e.getMessage() + "; chmod it (go-rwx) or give "
                    + "it to the gateway's user, then start again", e);
        }
        LOG.warn("{} was {}: made owner-only ({}); the data directory holds secrets (issue 22)", p, was,
                PosixFilePermissions.toString(fixed));
    }
}
