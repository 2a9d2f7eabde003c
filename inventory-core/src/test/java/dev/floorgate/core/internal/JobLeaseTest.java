package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The scheduled jobs' leases (issue 14 item 4): three cores on one Redis and one database run reconciliation and the
 * order saga monitor on exactly one instance; when the holder stops another takes over, and a holder that dies
 * without giving the lease back (kill -9) is replaced only after its lease expired.
 */
class JobLeaseTest {

    private static Map<String, Object> settings() {
        Map<String, Object> p = new HashMap<>();
        // long enough that a renewal delayed by a loaded machine (2 cores, a full build beside it) does not make the
        // holder doubt its lease mid-test: it renews every 2 s and trusts a renewal for 4 s. A stopped holder gives
        // the lease back, so the takeover below does not wait for the ttl.
        p.put("fg.core.job-lease-ttl", "6s");
        p.put("fg.core.reconcile.interval", "100ms");
        p.put("fg.core.orders.scan-interval", "100ms");
        return p;
    }

    @Test
    void eachJobRunsOnExactlyOneInstanceAndMovesWhenItsHolderStops() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase()) {
            List<CoreHarness> cores = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    cores.add(CoreHarness.start(redis.uri(), db, settings()));
                }
                waitFor(() -> ran(cores) >= 1, Duration.ofSeconds(30), "a scheduled reconciliation");
                CoreHarness holder = holderOf(cores, JobLeases.RECONCILE);
                // let the schedule tick many times: the others never run it
                waitFor(() -> reconciled(holder) && holder.bean(OrderSagaMonitor.class).last() != null,
                        Duration.ofSeconds(30), "the holder to run both jobs");
                Thread.sleep(1000);
                for (CoreHarness c : cores) {
                    boolean isHolder = c == holder;
                    assertThat(c.bean(JobLeases.class).holds(JobLeases.RECONCILE)).isEqualTo(isHolder);
                    assertThat(reconciled(c)).as("reconciled on instance " + cores.indexOf(c)).isEqualTo(isHolder);
                }
                CoreHarness sagaHolder = holderOf(cores, JobLeases.ORDER_SAGA);
                for (CoreHarness c : cores) {
                    assertThat(c.bean(OrderSagaMonitor.class).last() != null).as("saga scan on " + cores.indexOf(c))
                            .isEqualTo(c == sagaHolder);
                }
                assertThat(db.query("SELECT owner FROM job_leases WHERE name = 'reconcile'").get(0).get("owner"))
                        .isEqualTo(holder.bean(JobLeases.class).owner());
                long epochBefore = db.count("SELECT epoch FROM job_leases WHERE name = 'reconcile'");

                holder.close();
                cores.remove(holder);
                waitFor(() -> ran(cores) >= 1, Duration.ofSeconds(30), "another instance to take reconciliation over");
                CoreHarness next = holderOf(cores, JobLeases.RECONCILE);
                Thread.sleep(1000);
                for (CoreHarness c : cores) {
                    assertThat(reconciled(c)).isEqualTo(c == next);
                }
                assertThat(db.count("SELECT epoch FROM job_leases WHERE name = 'reconcile'"))
                        .isEqualTo(epochBefore + 1);
                assertThat(db.query("SELECT owner FROM job_leases WHERE name = 'reconcile'").get(0).get("owner"))
                        .isEqualTo(next.bean(JobLeases.class).owner());
            } finally {
                for (CoreHarness c : cores) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aHolderThatDiesWithoutGivingBackIsReplacedOnlyAfterExpiry() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase();
                CoreHarness core = CoreHarness.start(redis.uri(), db, Map.of())) {
            Database database = core.bean(Database.class);
            // 3 s: renewed every second and trusted for 2 s, so a loaded machine's late renewal is not a lost lease
            JobLeases first = new JobLeases(database, "instance-a", Duration.ofMillis(3000));
            JobLeases second = new JobLeases(database, "instance-b", Duration.ofMillis(3000));
            try {
                BooleanSupplier a = first.gate("crash-test");
                BooleanSupplier b = second.gate("crash-test");
                first.start();
                waitFor(a, Duration.ofSeconds(10), "instance-a to take the lease");
                second.start();
                Thread.sleep(3000); // several of b's heartbeats while a renews
                assertThat(b.getAsBoolean()).isFalse();
                assertThat(a.getAsBoolean()).isTrue();

                first.close(false); // kill -9: the row stays until it expires
                String expiresA = (String) db.query("SELECT CAST(expires_at AS CHAR) AS e FROM job_leases WHERE "
                        + "name = 'crash-test'").get(0).get("e");
                assertThat(a.getAsBoolean()).isFalse();
                waitFor(b, Duration.ofSeconds(10), "instance-b to take the expired lease");
                Map<String, Object> row = db.query("SELECT owner, epoch, CAST(acquired_at AS CHAR) AS acquired, "
                        + "acquired_at >= CAST(? AS DATETIME(3)) AS after_expiry FROM job_leases WHERE name = "
                        + "'crash-test'", expiresA).get(0);
                assertThat(row.get("owner")).isEqualTo("instance-b");
                assertThat(((Number) row.get("after_expiry")).intValue())
                        .as("taken at " + row.get("acquired") + ", a's lease ran to " + expiresA).isEqualTo(1);
                assertThat(((Number) row.get("epoch")).longValue()).isEqualTo(2);
            } finally {
                first.close(false);
                second.close();
            }
        }
    }

    private static boolean reconciled(CoreHarness c) {
        return c.bean(Reconciler.class).last() != null;
    }

    private static int ran(List<CoreHarness> cores) {
        int n = 0;
        for (CoreHarness c : cores) {
            n += reconciled(c) ? 1 : 0;
        }
        return n;
    }

    private static CoreHarness holderOf(List<CoreHarness> cores, String job) {
        List<CoreHarness> holders = new ArrayList<>();
        for (CoreHarness c : cores) {
            if (c.bean(JobLeases.class).holds(job)) {
                holders.add(c);
            }
        }
        assertThat(holders).as("instances holding " + job).hasSize(1);
        return holders.get(0);
    }
}
