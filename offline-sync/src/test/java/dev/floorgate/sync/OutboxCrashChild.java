package dev.floorgate.sync;

import dev.floorgate.protocol.Operation;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The process {@link OutboxCrashTest} kills: appends to the outbox from several threads as fast as it can and
 * prints {@code ACK <opId>} for each operation only after its future completed, i.e. after the gateway would have
 * answered 202. Some appends repeat an already acknowledged opId (a device resending), some carry three
 * operations at once. Runs until killed.
 */
public final class OutboxCrashChild {
    private OutboxCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Paths.get(args[0]);
        int threads = Integer.parseInt(args[1]);
        Outbox outbox = Outbox.open(file, new DiskGuard(file.toAbsolutePath().getParent(), 0));
        System.out.println("READY");
        System.out.flush();
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread th = new Thread(() -> appendForever(outbox, thread));
            th.start();
            all.add(th);
        }
        for (Thread th : all) {
            th.join();
        }
    }

    private static void appendForever(Outbox outbox, int thread) {
        Operation last = null;
        for (long i = 0; ; i++) {
            try {
                List<Operation> ops = new ArrayList<>();
                if (i % 7 == 3 && last != null) {
                    ops.add(last); // a resend: must stay one row
                } else {
                    ops.add(Ops.receive("t" + thread % 3, "SKU-" + i, 1));
                    if (i % 5 == 0) {
                        ops.add(Ops.receive("t" + thread % 3, "SKU-" + i + "b", 2));
                        ops.add(Ops.receive("t" + thread % 3, "SKU-" + i + "c", 3));
                    }
                }
                List<AppendResult> results = outbox.append(ops, "pda-" + thread).get(30, TimeUnit.SECONDS);
                StringBuilder sb = new StringBuilder();
                for (AppendResult r : results) {
                    if (!r.isDurable()) {
                        throw new IllegalStateException("unexpected " + r);
                    }
                    sb.append("ACK ").append(r.opId()).append('\n');
                }
                synchronized (System.out) {
                    System.out.print(sb);
                    System.out.flush();
                }
                last = ops.get(ops.size() - 1);
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(3);
            }
        }
    }
}
