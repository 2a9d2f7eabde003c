package dev.floorgate.systemtests;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small ext4 file system of its own, made from an image file and loop-mounted, so a test can fill a service's
 * disk for real: ext4 reserves blocks and journals, as a mini PC's disk does. Needs root and a loop device; where
 * mounting is refused {@link #ext4} fails with one line saying so; tests skip instead only when
 * {@link #refusalAllowed()} ({@code FG_ALLOW_NO_MOUNT=1}). {@link #close()} unmounts (lazily when a killed
 * process still holds it) and deletes the image.
 */
public final class LoopMount implements AutoCloseable {
    private final Path image;
    private final Path mountPoint;
    private boolean mounted;

    private LoopMount(Path image, Path mountPoint) {
        this.image = image;
        this.mountPoint = mountPoint;
    }

    /** An ext4 image of {@code megabytes} MiB in {@code dir}, mounted at {@code dir/mnt}. */
    public static LoopMount ext4(Path dir, int megabytes) throws IOException, InterruptedException {
        LoopMount m = new LoopMount(dir.resolve("disk.img"), Files.createDirectories(dir.resolve("mnt")));
        try {
            run("truncate", "-s", megabytes + "M", m.image.toString());
            // 4 KiB blocks, as mkfs gives any real gateway disk (ext4 over 512 MiB). For an image this small mkfs
            // would pick 1 KiB blocks, and then SQLite's WAL index (-shm, mapped into memory) cannot be kept safe
            // on a full disk: SQLite reserves each 4 KiB page of it by writing the page's last byte, which on 1 KiB
            // blocks allocates one block of four, and the next write through the mapping into a hole ends the
            // process with SIGBUS (seen once in a full run: the gateway restarted on the full disk died opening
            // gateway.db). That is a property of the test image, not of the gateway.
            run("mkfs.ext4", "-q", "-F", "-b", "4096", m.image.toString());
            run("mount", "-o", "loop", m.image.toString(), m.mountPoint.toString());
            m.mounted = true;
            return m;
        } catch (IOException e) {
            m.close();
            throw e;
        }
    }

    /** Whether the environment may go without: {@code FG_ALLOW_NO_MOUNT=1} (machines where tests are not root). */
    public static boolean refusalAllowed() {
        return "1".equals(System.getenv("FG_ALLOW_NO_MOUNT"));
    }

    /**
     * For a refused mount: the reason to skip with when {@code FG_ALLOW_NO_MOUNT=1}; otherwise throws an
     * AssertionError with the refusal's one line, so a CI that should run these tests cannot skip them silently.
     */
    public static String skipOrThrow(IOException refused) {
        if (refusalAllowed()) {
            return "skipped (FG_ALLOW_NO_MOUNT=1): " + refused.getMessage();
        }
        throw new AssertionError(refused.getMessage(), refused);
    }

    public Path path() {
        return mountPoint;
    }

    /** Bytes an unprivileged process could still write (ext4 keeps 5 % for root beyond this). */
    public long usableBytes() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    /**
     * Writes {@code file} on this disk in 64 KiB pieces until the kernel answers "no space left" (ENOSPC), then
     * forces it; returns the bytes written. As root it eats the reserved blocks too: the disk is really full.
     */
    public long fill(Path file) throws IOException {
        long written = 0;
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (true) {
                chunk.clear();
                try {
                    written += ch.write(chunk);
                } catch (IOException full) {
                    if (String.valueOf(full.getMessage()).contains("No space left")) {
                        break;
                    }
                    throw full;
                }
            }
            try {
                ch.force(true);
            } catch (IOException ignored) {
                // metadata of a full disk may not be forceable; the data written is what matters
            }
        }
        return written;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (mounted) {
            try {
                run("umount", mountPoint.toString());
            } catch (IOException busy) {
                run("umount", "-l", mountPoint.toString()); // a process still dying holds it; detach anyway
            }
            mounted = false;
        }
        Files.deleteIfExists(image);
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(cmd[0] + " could not run (" + e.getMessage() + "); the disk-full tests need root "
                    + "and loop devices, or FG_ALLOW_NO_MOUNT=1 to skip them", e);
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", List.of(cmd)) + " failed: " + out.strip() + "; the disk-full "
                    + "tests need root and loop devices, or FG_ALLOW_NO_MOUNT=1 to skip them");
        }
    }
}
