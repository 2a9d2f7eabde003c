package dev.floorgate.pda;

import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The child process of {@link FileQueueStorageKillTest}: appends entries {@code entry-<n>} to a queue file as
 * fast as it can, printing {@code A <n> ok} after each append returned and, every tenth entry,
 * {@code R 5 ok} after removing five. Runs until killed.
 */
public final class QueueAppenderMain {
    private QueueAppenderMain() {
    }

    public static void main(String[] args) throws Exception {
        File file = new File(args[0]);
        long first = Long.parseLong(args[1]);
        PrintStream out = new PrintStream(System.out, true, "UTF-8");
        FileQueueStorage.Options options = FileQueueStorage.Options.defaults().compactAfterBytes(512);
        try (FileQueueStorage q = new FileQueueStorage(file, options)) {
            out.println("ready " + q.size() + " ok");
            for (long n = first; ; n++) {
                q.append(("entry-" + n).getBytes(StandardCharsets.UTF_8));
                out.println("A " + n + " ok");
                if (n % 10 == 9 && q.size() >= 5) {
                    q.remove(5);
                    out.println("R 5 ok");
                }
            }
        }
    }
}
