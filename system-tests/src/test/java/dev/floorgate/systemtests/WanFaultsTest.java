package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 1: the WAN between the gateway and the core broken for real. The gateway runs in a network
 * namespace of its own ({@link NetNs}); the kernel drops packets on the WAN link (iptables: 5 %, 30 %, a partition
 * both ways, one way with the requests lost, or the requests delivered and the responses lost, which is a partition
 * in the middle of a batch, and a flapping link) and {@link LatencyRelay} delays them (300 ms, 2 s each way). PDAs keep posting over the LAN link all along. Each fault
 * runs for a few seconds in an order and with durations from a seeded random schedule (the seed is printed; replay
 * with {@code -Dfg.faults.seed=N}, run longer with {@code -Dfg.faults.rounds=N}); after each fault ends the test
 * measures how long the gateway takes to drain its outbox. At the end every acknowledged operation is in the core's
 * ledger exactly once and stock equals their sum, and every packing station on the LAN ({@link LanStations}, one
 * here, {@code -Dfg.faults.stations=N} for more) printed each of its scans once, in order.
 *
 * <p>Needs root for namespaces; where the kernel refuses them the test fails with the command's message, unless
 * FG_ALLOW_NO_NETNS=1 says this machine cannot (it then checks nothing and says so).
 */
class WanFaultsTest {
    private static final int SKUS = 10;
    private static final Pattern UNSYNCED = Pattern.compile("\"unsynced\"\\s*:\\s*(\\d+)");
    private static final Pattern OLDEST = Pattern.compile("\"oldestUnsyncedAgeSeconds\"\\s*:\\s*(\\d+)");

    @TempDir
    Path dir;

    /**
     * One kind of WAN trouble while it lasts: the share of packets dropped towards the core and from it, the
     * one-way delay added each way, and whether the link goes up and down.
     */
    private record Fault(String name, double towardsCore, double fromCore, long delayMillis, boolean flapping) {
    }

    private static final List<Fault> CATALOGUE = List.of(
            new Fault("loss 5%", 0.05, 0.05, 0, false),
            new Fault("loss 30%", 0.30, 0.30, 0, false),
            new Fault("latency 300 ms", 0, 0, 300, false),
            new Fault("latency 2 s", 0, 0, 2000, false),
            new Fault("partition", 1, 1, 0, false),
            new Fault("one-way: requests lost", 1, 0, 0, false),
            new Fault("one-way: responses lost (request delivered)", 0, 1, 0, false),
            new Fault("flapping link", 1, 1, 0, true));

    @Test
    void acknowledgedOperationsSurviveASeededScheduleOfWanFaultsExactlyOnce() throws Exception {
        long seed = Long.getLong("fg.faults.seed", System.nanoTime());
        int rounds = Integer.getInteger("fg.faults.rounds", 1);
        int devices = Integer.getInteger("fg.faults.devices", 4);
        long pauseMillis = Long.getLong("fg.faults.pause-ms", 100);
        int stationCount = Integer.getInteger("fg.faults.stations", 1);
        System.out.println("WanFaultsTest: fault schedule seed " + seed + " (replay: -Dfg.faults.seed=" + seed + ")");
        Random random = new Random(seed);
        List<Fault> schedule = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            List<Fault> round = new ArrayList<>(CATALOGUE); // every kind once per round, in a random order
            Collections.shuffle(round, random);
            schedule.addAll(round);
        }
        NetNs ns;
        try {
            ns = NetNs.create(1 + (int) (ProcessHandle.current().pid() % 200));
        } catch (IOException e) {
            if ("1".equals(System.getenv("FG_ALLOW_NO_NETNS"))) {
                System.out.println("WanFaultsTest: NOT RUN, namespaces refused and FG_ALLOW_NO_NETNS=1: " + e.getMessage());
                return;
            }
            throw new IllegalStateException("network namespaces are needed (run as root with iproute2), or set "
                    + "FG_ALLOW_NO_NETNS=1 on a machine that cannot: " + e.getMessage(), e);
        }
        try (ns; Chain chain = new Chain(dir).startCore();
                LatencyRelay wan = new LatencyRelay(ns.hostWanIp, chain.corePort);
                LanStations stations = new LanStations(ns, stationCount)) {
            chain.seed("acme", SKUS);
            chain.gatewayEnv("MICRONAUT_CONFIG_FILES",
                    stations.writeConfig(dir.resolve("stations.yml"), ns.hostLanIp()).toString());
            chain.startGatewayIn(ns, "http://" + ns.hostWanIp + ":" + wan.port());
            stations.awaitConnected();
            LoadClients clients = new LoadClients(chain, devices, "acme", SKUS);
            SoakRecorder soak = new SoakRecorder(chain.gateway.pid(), () -> {
                try {
                    return unsynced(chain);
                } catch (Exception e) {
                    return -1;
                }
            }, clients.ackMillis);
            AtomicBoolean posting = new AtomicBoolean(true);
            Thread load = new Thread(() -> {
                try {
                    clients.runWhile(posting::get, 2, pauseMillis, "acme");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "wan-faults-pdas");
            load.start();
            Thread scanning = new Thread(() -> {
                try {
                    stations.scanWhile(posting::get, 500);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "wan-faults-stations");
            scanning.start();
            List<String> report = new ArrayList<>();
            try {
                for (Fault fault : schedule) {
                    long millis = 2000 + random.nextInt(3001);
                    int before = clients.acked.size();
                    soak.fault(fault.name());
                    inject(ns, wan, fault, millis, random);
                    long backlog = unsynced(chain);
                    ns.clearFaults();
                    wan.delay(0);
                    soak.fault("");
                    long recoveredMs = awaitDrained(chain, 90_000);
                    if (rounds >= 3) {
                        Thread.sleep(3000); // a soak's quiet seconds between faults: the baseline for assertFlat
                    }
                    report.add(String.format("%-45s %5d ms, %4d ops acked meanwhile, %4d unsynced at its end, "
                            + "drained %5d ms after", fault.name(), millis, clients.acked.size() - before, backlog,
                            recoveredMs));
                    if (!fault.flapping() && (fault.towardsCore() >= 1 || fault.fromCore() >= 1)) {
                        assertThat(backlog).as("operations held at the gateway when '%s' ended (else the fault "
                                + "never reached the WAN)", fault.name()).isGreaterThan(0);
                    }
                }
            } finally {
                posting.set(false);
                ns.clearFaults();
                load.join(60_000);
                scanning.join(60_000);
                soak.close();
            }
            Path out = java.nio.file.Paths.get("target", "wan-faults").toAbsolutePath();
            soak.writeCsv(out.resolve("soak.csv"));
            soak.writePng(out.resolve("soak.png"), "Gateway under a WAN fault schedule: seed " + seed + ", " + rounds
                    + " round(s) of " + CATALOGUE.size() + " faults, " + devices + " PDAs");
            System.out.println("WanFaultsTest: graphs in " + out.resolve("soak.png") + " and soak.csv");

            clients.resendUnacknowledged();
            System.out.println("WanFaultsTest (seed " + seed + "):\n  " + String.join("\n  ", report));
            assertThat(report).hasSize(schedule.size());
            assertThat(clients.acked.size()).as("operations acknowledged over the LAN while the WAN was broken")
                    .isGreaterThan(schedule.size() * 20);
            SyncEndToEndTest.assertAppliedExactlyOnce(chain, clients, clients.bodies.size());
            System.out.println("WanFaultsTest: " + stations.scans() + " scans at " + stationCount + " station(s)");
            stations.assertEachScanPrintedOnceInOrder();
            if (rounds >= 3) {
                assertFlat(soak.samples());
            }
        }
    }

    private static void inject(NetNs ns, LatencyRelay wan, Fault fault, long millis, Random random) throws Exception {
        wan.delay(fault.delayMillis());
        if (!fault.flapping()) {
            ns.towardsCore(fault.towardsCore());
            ns.fromCore(fault.fromCore());
            Thread.sleep(millis);
            return;
        }
        long end = System.currentTimeMillis() + millis;
        boolean down = false;
        while (System.currentTimeMillis() < end) {
            down = !down;
            ns.towardsCore(down ? fault.towardsCore() : 0);
            ns.fromCore(down ? fault.fromCore() : 0);
            Thread.sleep(200 + random.nextInt(400));
        }
    }

    /**
     * Over a long run, memory and open files must not trend up: the quiet seconds (no fault) of the last fifth
     * against those of the first fifth after warm-up, by median.
     */
    private static void assertFlat(List<SoakRecorder.Sample> samples) {
        List<SoakRecorder.Sample> quiet = samples.stream().filter(s -> s.fault().isEmpty() && s.rssKb() > 0)
                .collect(java.util.stream.Collectors.toList());
        int n = quiet.size();
        assertThat(n).as("quiet samples").isGreaterThan(50);
        List<SoakRecorder.Sample> first = quiet.subList(n / 10, n / 10 + n / 5);
        List<SoakRecorder.Sample> last = quiet.subList(n - n / 5, n);
        long rssFirst = median(first, SoakRecorder.Sample::rssKb);
        long rssLast = median(last, SoakRecorder.Sample::rssKb);
        long fdFirst = median(first, SoakRecorder.Sample::openFiles);
        long fdLast = median(last, SoakRecorder.Sample::openFiles);
        System.out.printf("WanFaultsTest: RSS %d -> %d MB, open files %d -> %d (medians, first and last fifth)%n",
                rssFirst / 1024, rssLast / 1024, fdFirst, fdLast);
        assertThat(fdLast).as("open files at the end vs the start").isLessThanOrEqualTo(fdFirst + 25);
        assertThat(rssLast).as("RSS kB at the end vs the start").isLessThanOrEqualTo(rssFirst + 64 * 1024);
    }

    private static long median(List<SoakRecorder.Sample> samples,
            java.util.function.ToLongFunction<SoakRecorder.Sample> value) {
        long[] v = samples.stream().mapToLong(value).sorted().toArray();
        return v[v.length / 2];
    }

    private static long unsynced(Chain chain) throws Exception {
        Matcher m = UNSYNCED.matcher(chain.gatewayGet("/health", null).body());
        assertThat(m.find()).as("the gateway's /health names its unsynced operations").isTrue();
        return Long.parseLong(m.group(1));
    }

    /**
     * Milliseconds from the fault's end until everything older than that end has synced: nothing unsynced, or the
     * oldest unsynced operation (whole seconds) is younger than the time since (the PDAs keep posting, so new
     * operations are always on their way). Fails after {@code limitMillis}.
     */
    private static long awaitDrained(Chain chain, long limitMillis) throws Exception {
        long start = System.nanoTime();
        long lastUnsynced = -1;
        while ((System.nanoTime() - start) / 1_000_000 < limitMillis) {
            String health = chain.gatewayGet("/health", null).body();
            Matcher m = UNSYNCED.matcher(health);
            Matcher oldest = OLDEST.matcher(health);
            if (m.find() && oldest.find()) {
                lastUnsynced = Long.parseLong(m.group(1));
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                if (lastUnsynced == 0 || (Long.parseLong(oldest.group(1)) + 1) * 1000 < elapsed) {
                    return elapsed;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the outbox did not drain within " + limitMillis + " ms after the fault ended; "
                + lastUnsynced + " still unsynced; gateway log:\n" + chain.gateway.tail());
    }
}
