package dev.floorgate.pda.tools;

import dev.floorgate.lan.EnrollResult;
import dev.floorgate.lan.EnrollmentCode;
import dev.floorgate.lan.PickTask;
import dev.floorgate.pda.ClientOptions;
import dev.floorgate.pda.GatewayClient;
import dev.floorgate.pda.GatewayException;
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
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
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
 *               [--device-prefix vpda-x] [--work-dir DIR] [--keep-devices]
 * </pre>
 * Before the fleet starts one probe device enrolls and asks for its tasks; when the PDAs cannot work the run
 * fails with {@link CannotWork}. Every device the run enrolled is revoked at the end unless {@code --keep-devices}.
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
        boolean keepDevices;
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
            o.keepDevices = keepDevices;
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
                if (a.equals("--keep-devices")) {
                    o.keepDevices = true;
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

        /** Whether the enrolled devices stay enrolled at the end (default: every one is revoked). */
        public Options withKeepDevices(boolean keep) {
            Options o = copy();
            o.keepDevices = keep;
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
            + "[--device-prefix P] [--work-dir DIR] [--keep-devices]";

    /**
     * The PDAs cannot work against this gateway (unreachable, admin token refused, enrollment refused, no PICK
     * tasks): found by one probe device before the fleet starts. The message is one line that says what to do.
     */
    public static final class CannotWork extends IOException {
        private static final long serialVersionUID = 1L;

        CannotWork(String message, Throwable cause) {
            super(message, cause);
        }
    }

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
    private EnrolledDevices enrolled; // guarded by this; set when run() starts

    public VirtualPdas(Options options) {
        this.options = options.copy();
    }

    /** Runs the whole simulation (enroll, load, settle) and accounts for every operation. */
    public VirtualPdasReport run() throws IOException, InterruptedException {
        // Each real PDA keeps its own connections alive; OkHttp's default pool keeps only 5 idle ones, which for a
        // fleet sharing one client means a new TCP connection for almost every request. Keep one per PDA and
        // its event stream instead.
        OkHttpClient http = GatewayClient.defaultHttpClient().newBuilder()
                .connectionPool(new ConnectionPool(2 * options.count + 8, 5, TimeUnit.MINUTES)).build();
        EnrolledDevices enrolled = new EnrolledDevices(http, options.gateway, options.adminToken);
        synchronized (this) {
            this.enrolled = enrolled;
        }
        try {
            return runFleet(http, enrolled);
        } finally {
            if (!options.keepDevices) {
                for (String failure : enrolled.revokeAll()) {
                    System.err.println("VirtualPdas: " + failure);
                }
            }
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /**
     * Revokes what this run enrolled so far unless {@code --keep-devices}; for a shutdown hook (Ctrl-C) while
     * {@link #run()} is still going. Safe to call more than once and at the same time as the run's own cleanup.
     */
    public void revokeEnrolled() {
        EnrolledDevices devices;
        synchronized (this) {
            devices = enrolled;
        }
        if (devices != null && !options.keepDevices) {
            for (String failure : devices.revokeAll()) {
                System.err.println("VirtualPdas: " + failure);
            }
        }
    }

    /**
     * One device enrolls, logs in and asks for its tasks before the fleet starts, so that a gateway the PDAs
     * cannot work with fails the run at once with one clear line instead of N set-up problems or an idle load.
     */
    private void probe(GatewayClient base, EnrolledDevices enrolled) throws CannotWork {
        String at = "the gateway at " + options.gateway;
        GatewayClient admin = base.withToken(options.adminToken);
        EnrollmentCode code;
        try {
            code = admin.createEnrollmentCode(options.tenant, options.warehouse, 15);
        } catch (GatewayException e) {
            if (e.status() == 401 || e.status() == 403) {
                throw new CannotWork(at + " refused the admin token (" + e.status() + " " + e.code()
                        + "): pass its fg.admin-token with --admin-token", e);
            }
            throw new CannotWork(at + " did not issue an enrollment code: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CannotWork(at + " cannot be reached (" + e.getMessage() + "): is it running, and is "
                    + "--gateway right?", e);
        }
        String probeId = options.devicePrefix + "probe";
        GatewayClient device;
        enrolled.enrolling(probeId);
        try {
            EnrollResult result = base.enroll(code.code(), probeId);
            device = base.withToken(result.token());
        } catch (IOException e) {
            throw new CannotWork(at + " refused to enroll the probe device " + probeId + ": " + e.getMessage(), e);
        } finally {
            enrolled.enrolled();
        }
        List<PickTask> open = new ArrayList<>();
        try {
            device.login("VB-probe");
            for (PickTask t : device.tasks()) {
                if (t.remaining() > 0 && t.sku() != null) {
                    open.add(t);
                }
            }
        } catch (IOException e) {
            throw new CannotWork(at + " enrolled the probe device " + probeId + " but did not give it its tasks: "
                    + e.getMessage(), e);
        }
        if (open.isEmpty()) {
            throw new CannotWork("no PICK tasks for " + options.tenant + "/" + options.warehouse + " at "
                    + options.gateway + ": PDAs without tasks make no operations; import pick orders into the "
                    + "core first (docs/IMPORT.md)", null);
        }
    }

    private VirtualPdasReport runFleet(OkHttpClient http, EnrolledDevices enrolled)
            throws IOException, InterruptedException {
        GatewayClient base = new GatewayClient(options.gateway, http, options.clientOptions);
        probe(base, enrolled);
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
                    counters, enrolled, loadEnd, settleEnd);
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
        Map<OpLedger.Fate, Integer> fates = ledger.counts();
        return new VirtualPdasReport(options.count, (int) counters.ready.get(), ledger.size(),
                ledger.acceptedCount(), fates.get(OpLedger.Fate.APPLIED), fates.get(OpLedger.Fate.DUPLICATE),
                fates.get(OpLedger.Fate.GATEWAY_REJECTED), fates.get(OpLedger.Fate.CORE_REJECTED),
                fates.get(OpLedger.Fate.PENDING) + fates.get(OpLedger.Fate.ACCEPTED),
                fates.get(OpLedger.Fate.QUEUED), fates.get(OpLedger.Fate.LOST), fates.get(OpLedger.Fate.UNVERIFIED),
                counters.sendFailures.get(), counters.scans.get(), counters.scanErrors.get(),
                ledger.timesTo202Micros(), durationMillis, counters.problems());
    }

    /**
     * Runs from the command line; exits 0 when nothing was lost, 1 otherwise or when the PDAs cannot work (one
     * line on stderr), 2 on bad arguments. Every device it enrolled is revoked on each exit, Ctrl-C included,
     * unless {@code --keep-devices}.
     */
    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        VirtualPdas pdas = new VirtualPdas(options);
        Thread cleanup = new Thread(pdas::revokeEnrolled, "virtual-pdas-revoke");
        Runtime.getRuntime().addShutdownHook(cleanup);
        VirtualPdasReport report;
        try {
            report = pdas.run();
        } catch (CannotWork e) {
            System.err.println("VirtualPdas: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.print(report);
        System.exit(report.isClean() ? 0 : 1);
    }
}
