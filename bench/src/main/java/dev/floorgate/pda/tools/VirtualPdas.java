package dev.floorgate.pda.tools;

import dev.floorgate.pda.ClientOptions;
import dev.floorgate.pda.GatewayClient;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;

/**
 * A floor of simulated pickers for load and soak tests of a gateway: N PDAs, each enrolled through the admin
 * endpoints with its own one-time code, logged in with a badge, fetching its pick tasks, scanning bin and item
 * ({@code POST /api/v1/scans}), and posting PICK operations through this library's {@code OperationQueue} (a
 * real queue file per PDA). Results arrive on each PDA's event stream, with polling as the fallback at the end.
 * The report accounts for every operation (see {@link VirtualPdasReport}); lost must be 0.
 *
 * <pre>
 *   VirtualPdas --count 50 --gateway http://127.0.0.1:8080 --admin-token T --tenant acme --warehouse SH01
 *               --duration-s 30 [--picks-per-pda N] [--think-ms 50] [--settle-s 10] [--no-events]
 *               [--device-prefix vpda-x] [--work-dir DIR]
 * </pre>
 * Usable as a library: {@code new VirtualPdas(options).run()}. Plain threads, one per PDA and one per event
 * stream; Android API 26 safe like the rest of the module (animal-sniffer checks this package too).
 */
public final class VirtualPdas {
    /** What to simulate; immutable, build with {@link #parse(String[])} or the {@code with...} methods. */
    public static final class Options {
        int count = 10;
        String gateway = "http://127.0.0.1:8080";
        String adminToken;
        String tenant = "acme";
        String warehouse = "SH01";
        long durationSeconds = 30;
        int picksPerPda;
        long thinkMillis = 50;
        long settleSeconds = 10;
        boolean events = true;
        String devicePrefix = "vpda-" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36)
                + "-";
        File workDir;
        ClientOptions clientOptions = ClientOptions.defaults();

        private Options copy() {
            Options o = new Options();
            o.count = count;
            o.gateway = gateway;
            o.adminToken = adminToken;
            o.tenant = tenant;
            o.warehouse = warehouse;
            o.durationSeconds = durationSeconds;
            o.picksPerPda = picksPerPda;
            o.thinkMillis = thinkMillis;
            o.settleSeconds = settleSeconds;
            o.events = events;
            o.devicePrefix = devicePrefix;
            o.workDir = workDir;
            o.clientOptions = clientOptions;
            return o;
        }

        /** Options for the gateway at {@code gateway}, with its admin token. */
        public static Options of(String gateway, String adminToken) {
            Options o = new Options();
            o.gateway = gateway;
            o.adminToken = adminToken;
            return o;
        }

        /**
         * Parses the command line (see the class comment).
         *
         * @throws IllegalArgumentException naming the bad or missing argument, with the usage
         */
        public static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--no-events")) {
                    o.events = false;
                    continue;
                }
                if (a.equals("--help") || a.equals("-h")) {
                    throw new IllegalArgumentException(USAGE);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + a + "\n" + USAGE);
                }
                String v = args[++i];
                switch (a) {
                    case "--count": o.count = (int) number(a, v, 1, 100_000); break;
                    case "--gateway": o.gateway = v; break;
                    case "--admin-token": o.adminToken = v; break;
                    case "--tenant": o.tenant = v; break;
                    case "--warehouse": o.warehouse = v; break;
                    case "--duration-s": o.durationSeconds = number(a, v, 0, 7 * 24 * 3600); break;
                    case "--picks-per-pda": o.picksPerPda = (int) number(a, v, 0, 10_000_000); break;
                    case "--think-ms": o.thinkMillis = number(a, v, 0, 3_600_000); break;
                    case "--settle-s": o.settleSeconds = number(a, v, 0, 3600); break;
                    case "--device-prefix": o.devicePrefix = v; break;
                    case "--work-dir": o.workDir = new File(v); break;
                    default: throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
                }
            }
            if (o.adminToken == null || o.adminToken.isEmpty()) {
                throw new IllegalArgumentException("--admin-token is required (the gateway's fg.admin-token)\n"
                        + USAGE);
            }
            return o;
        }

        public Options withCount(int n) {
            Options o = copy();
            o.count = n;
            return o;
        }

        public Options withTenant(String tenant, String warehouse) {
            Options o = copy();
            o.tenant = tenant;
            o.warehouse = warehouse;
            return o;
        }

        public Options withDurationSeconds(long seconds) {
            Options o = copy();
            o.durationSeconds = seconds;
            return o;
        }

        /** Stop each PDA after this many picks (0: until the duration ends). */
        public Options withPicksPerPda(int picks) {
            Options o = copy();
            o.picksPerPda = picks;
            return o;
        }

        public Options withThinkMillis(long millis) {
            Options o = copy();
            o.thinkMillis = millis;
            return o;
        }

        /** How long after the load to wait for queues to drain and results to arrive. */
        public Options withSettleSeconds(long seconds) {
            Options o = copy();
            o.settleSeconds = seconds;
            return o;
        }

        /** Whether results come from event streams (else only from polling). */
        public Options withEvents(boolean on) {
            Options o = copy();
            o.events = on;
            return o;
        }

        public Options withDevicePrefix(String prefix) {
            Options o = copy();
            o.devicePrefix = prefix;
            return o;
        }

        /** Where the PDAs' queue files go (default: a new temporary directory). */
        public Options withWorkDir(File dir) {
            Options o = copy();
            o.workDir = dir;
            return o;
        }

        public Options withClientOptions(ClientOptions options) {
            Options o = copy();
            o.clientOptions = options;
            return o;
        }

        private static long number(String option, String value, long min, long max) {
            long n;
            try {
                n = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a whole number, got '" + value + "'", e);
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException(option + " must be within " + min + ".." + max + ", got " + n);
            }
            return n;
        }
    }

    static final String USAGE = "usage: VirtualPdas --count N --gateway URL --admin-token T --tenant acme "
            + "--warehouse SH01 --duration-s 30 [--picks-per-pda N] [--think-ms 50] [--settle-s 10] [--no-events] "
            + "[--device-prefix P] [--work-dir DIR]";

    /** Counters shared by the PDAs of one run. */
    static final class Counters {
        final AtomicLong scans = new AtomicLong();
        final AtomicLong scanErrors = new AtomicLong();
        final AtomicLong sendFailures = new AtomicLong();
        final AtomicLong ready = new AtomicLong();
        private final Set<String> problems = new LinkedHashSet<>();

        /** Keeps the first 20 distinct problems. */
        void problem(String text) {
            synchronized (problems) {
                if (problems.size() < 20) {
                    problems.add(text);
                }
            }
        }

        List<String> problems() {
            synchronized (problems) {
                return new ArrayList<>(problems);
            }
        }
    }

    private final Options options;

    public VirtualPdas(Options options) {
        this.options = options.copy();
    }

    /** Runs the whole simulation (enroll, load, settle) and accounts for every operation. */
    public VirtualPdasReport run() throws IOException, InterruptedException {
        OkHttpClient http = GatewayClient.defaultHttpClient();
        GatewayClient base = new GatewayClient(options.gateway, http, options.clientOptions);
        File work = options.workDir != null ? options.workDir
                : Files.createTempDirectory("virtual-pdas").toFile();
        if (!work.isDirectory() && !work.mkdirs()) {
            throw new IOException("cannot create work directory " + work);
        }
        OpLedger ledger = new OpLedger();
        Counters counters = new Counters();
        long start = System.nanoTime();
        long loadEnd = start + options.durationSeconds * 1_000_000_000L;
        long settleEnd = loadEnd + options.settleSeconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < options.count; i++) {
            VirtualPda pda = new VirtualPda(i, options.devicePrefix + (i + 1), options, base, work, ledger,
                    counters, loadEnd, settleEnd);
            Thread t = new Thread(pda, "virtual-pda-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long joinDeadline = settleEnd + 120_000_000_000L; // settle, plus time for slow set-up and final questions
        for (Thread t : threads) {
            long left = (joinDeadline - System.nanoTime()) / 1_000_000L;
            t.join(Math.max(1, left));
            if (t.isAlive()) {
                counters.problem(t.getName() + " did not finish in time; its operations are counted as they stand");
            }
        }
        long durationMillis = (System.nanoTime() - start) / 1_000_000L;
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        Map<OpLedger.Fate, Integer> fates = ledger.counts();
        return new VirtualPdasReport(options.count, (int) counters.ready.get(), ledger.size(),
                ledger.acceptedCount(), fates.get(OpLedger.Fate.APPLIED), fates.get(OpLedger.Fate.DUPLICATE),
                fates.get(OpLedger.Fate.GATEWAY_REJECTED), fates.get(OpLedger.Fate.CORE_REJECTED),
                fates.get(OpLedger.Fate.PENDING) + fates.get(OpLedger.Fate.ACCEPTED),
                fates.get(OpLedger.Fate.QUEUED), fates.get(OpLedger.Fate.LOST), fates.get(OpLedger.Fate.UNVERIFIED),
                counters.sendFailures.get(), counters.scans.get(), counters.scanErrors.get(),
                ledger.timesTo202Micros(), durationMillis, counters.problems());
    }

    /** Runs from the command line; exits 0 when nothing was lost, 1 otherwise, 2 on bad arguments. */
    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        VirtualPdasReport report = new VirtualPdas(options).run();
        System.out.print(report);
        System.exit(report.isClean() ? 0 : 1);
    }
}
