package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 4: three core processes against one Redis and one MariaDB database (each its own write-back
 * consumer), a gateway process given the three URLs, PDAs posting all along. The core in use is killed with
 * {@code kill -9} while batches flow, the gateway fails over, the killed core comes back and the gateway returns
 * to it. Every operation acknowledged at the gateway ends in the ledger exactly once and the stock totals match
 * (SyncEndToEndTest's check). Prints the failover time: from the kill to the next batch the gateway stored an
 * answer for.
 */
class CoreInstancesFailoverTest {
    private static final int SKUS = 4;

    @TempDir
    Path dir;

    @Test
    void killingTheCoreInUseMidBatchLosesNothingAndTheGatewayComesBackToIt() throws Exception {
        List<ServiceProcess> others = new ArrayList<>();
        try (Chain chain = new Chain(dir)) {
            chain.coreEnv("FG_CORE_WRITEBACK_CONSUMER", "core-1").coreEnv("FG_CORE_WRITEBACK_CLAIM_IDLE", "2s")
                    .startCore();
            chain.seed("acme", SKUS);
            for (int n = 2; n <= 3; n++) {
                others.add(startCore(chain, n, ServiceProcess.freePort()));
            }
            String core1 = "http://127.0.0.1:" + chain.corePort;
            String urls = core1 + ", " + others.get(0).url("") + ", " + others.get(1).url("");
            chain.gatewayEnv("FG_CORE_PROBE_INTERVAL", "1s").gatewayEnv("FG_SYNC_BATCH_SIZE", "200")
                    .startGateway(urls.replace("/,", ","));
            LoadClients clients = new LoadClients(chain, 4, "acme", SKUS);

            Thread load = new Thread(() -> {
                try {
                    clients.run(1500, 20, "acme");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "pda-load");
            load.start();
            await().atMost(Duration.ofMinutes(2)).until(() -> synced(chain) >= 1000);
            assertThat(coreInUse(chain)).isEqualTo(core1);

            Instant killedAt = Instant.now();
            chain.core.kill9(); // mid-drain: the gateway has batches in flight or queued
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50)).until(() -> {
                Instant last = lastSync(chain);
                return last != null && last.isAfter(killedAt) && !core1.equals(coreInUse(chain));
            });
            Duration failover = Duration.between(killedAt, lastSync(chain));
            System.out.printf("core instance failover: kill -9 of %s to the next acknowledged batch at %s: %d ms%n",
                    core1, coreInUse(chain), failover.toMillis());
            assertThat(coreInUse(chain)).isEqualTo(others.get(0).url("").replaceAll("/$", ""));

            chain.startCore(); // the same instance back on its port
            await().atMost(Duration.ofMinutes(1)).until(() -> core1.equals(coreInUse(chain)));
            load.join(Duration.ofMinutes(5).toMillis());
            assertThat(load.isAlive()).isFalse();
            clients.resendUnacknowledged();
            assertThat(clients.failures.get()).as("PDA requests the gateway refused").isZero();
            assertThat(clients.acked).hasSize(6000);

            await().atMost(Duration.ofMinutes(3)).until(() -> unsynced(chain) == 0);
            SyncEndToEndTest.assertAppliedExactlyOnce(chain, clients, 6000);
            String health = chain.gatewayGet("/health", null).body();
            assertThat(number(health, "\"failovers\"\\s*:\\s*(\\d+)")).as(health).isGreaterThanOrEqualTo(1);
            assertThat(chain.gatewayGet("/metrics", null).body()).containsPattern("floorgate_core_in_use\\{url=\""
                    + Pattern.quote(core1) + "\"\\} 1");
        } finally {
            for (ServiceProcess p : others) {
                p.kill9();
            }
        }
    }

    private ServiceProcess startCore(Chain chain, int n, int port) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("FG_CORE_PORT", Integer.toString(port));
        env.put("FG_REDIS_URI", chain.redis.uri());
        env.put("FG_MYSQL_URL", chain.db.jdbcUrl());
        env.put("FG_CORE_KEYS", Chain.KEY_ID + ":" + Chain.SECRET + ":acme|beta");
        env.put("FG_CORE_ADMIN_TOKEN", Chain.ADMIN);
        env.put("FG_CORE_WRITEBACK_CONSUMER", "core-" + n);
        env.put("FG_CORE_WRITEBACK_CLAIM_IDLE", "2s");
        return new ServiceProcess("core-" + n, "fg.core.jar", port, env, dir).start(Duration.ofSeconds(90));
    }

    private static long synced(Chain chain) throws Exception {
        return number(chain.gatewayGet("/metrics", null).body(),
                "floorgate_operations_synced_total\\{status=\"APPLIED\"\\} ([0-9.eE+]+)");
    }

    private static long unsynced(Chain chain) throws Exception {
        return number(chain.gatewayGet("/health", null).body(), "\"unsynced\"\\s*:\\s*(\\d+)");
    }

    private static String coreInUse(Chain chain) throws Exception {
        Matcher m = Pattern.compile("\"url\"\\s*:\\s*\"([^\"]+)\"").matcher(chain.gatewayGet("/health", null).body());
        return m.find() ? m.group(1) : null;
    }

    private static Instant lastSync(Chain chain) throws Exception {
        Matcher m = Pattern.compile("\"lastSyncAt\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(chain.gatewayGet("/health", null).body());
        return m.find() ? Instant.parse(m.group(1)) : null;
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }
}
