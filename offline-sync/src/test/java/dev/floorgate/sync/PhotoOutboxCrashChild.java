package dev.floorgate.sync;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The process {@link PhotoOutboxCrashTest} kills: adds photos (some from streams, every fifth a repeat of earlier
 * bytes for another parcel) as fast as it can from two threads and prints {@code ACK <id> <sha256>} for each only
 * after {@code add} returned, i.e. after the gateway would have answered. Runs until killed.
 */
public final class PhotoOutboxCrashChild {
    private PhotoOutboxCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        long seedBase = Long.parseLong(args[1]);
        PhotoOutbox photos = PhotoOutbox.open(dir, new DiskGuard(dir.toAbsolutePath().getParent(), 0),
                PhotoOptions.builder().diskFloorBytes(0).build());
        System.out.println("READY");
        System.out.flush();
        Thread a = new Thread(() -> addForever(photos, seedBase, 0));
        Thread b = new Thread(() -> addForever(photos, seedBase, 1));
        a.start();
        b.start();
        a.join();
        b.join();
    }

    private static void addForever(PhotoOutbox photos, long seedBase, int thread) {
        for (long i = 0; ; i++) {
            try {
                long seed = i % 5 == 4 ? seedBase + thread * 1_000_000 + i - 1 : seedBase + thread * 1_000_000 + i;
                byte[] jpeg = Jpegs.of(20_000 + (int) (seed % 7) * 30_000, seed);
                String parcel = "P-" + seedBase + "-" + thread + "-" + i;
                StoredPhoto p = i % 2 == 0 ? photos.add("acme", "SH01", parcel, "top", jpeg)
                        : photos.add("acme", "SH01", parcel, "top", new java.io.ByteArrayInputStream(jpeg));
                synchronized (System.out) {
                    System.out.println("ACK " + p.id() + " " + p.sha256());
                    System.out.flush();
                }
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(3);
            }
        }
    }
}
