package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.Consumer;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The trim with several consumers (issue 14): trim.lua decides inside the script what to keep, so an event pending
 * at another instance's consumer, or not yet delivered to anyone, is never trimmed; acknowledged events are.
 */
class WriteBackTrimTest {
    @Test
    void eventsPendingAtAnotherConsumerOrUndeliveredAreKept() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase();
                CoreHarness core = CoreHarness.start(redis.uri(), db, Map.of("fg.core.writeback.enabled", "false"))) {
            RedisConnector connector = core.bean(RedisConnector.class);
            TenantRegistry.createGroups(connector, List.of(new Bucket("acme", 3)));
            WriteBackWorker worker = new WriteBackWorker(connector, () -> List.of(new Bucket("acme", 3)),
                    core.bean(WriteBackWriter.class), core.bean(Scripts.class).trim(), core.bean(CoreMetrics.class),
                    "me", 100, Duration.ofMillis(5), Duration.ofSeconds(1), Duration.ofSeconds(60), () -> { });
            RedisClusterAsyncCommands<String, String> r = connector.async();
            String stream = KeyLayout.stream("acme", 3);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(connector.await(r.xadd(stream, Map.of("n", Integer.toString(i)))));
            }
            // another instance read events 0 and 1 and has not acknowledged them; this one read and acked event 2
            read(connector, r, stream, "other-instance", 2);
            read(connector, r, stream, "me", 1);
            connector.await(r.xack(stream, KeyLayout.GROUP, ids.get(2)));

            worker.trim(new Bucket("acme", 3));
            assertThat(connector.await(r.xlen(stream))).as("nothing below the other instance's pending events")
                    .isEqualTo(6);

            connector.await(r.xack(stream, KeyLayout.GROUP, ids.get(0), ids.get(1)));
            worker.trim(new Bucket("acme", 3));
            assertThat(connector.await(r.xrange(stream, io.lettuce.core.Range.create("-", "+"))))
                    .extracting(m -> m.getId()).as("events 3..5 were never delivered: kept")
                    .containsExactly(ids.get(3), ids.get(4), ids.get(5));
            assertThat(connector.await(r.get(KeyLayout.watermark("acme", 3)))).as("the trim bumped the watermark")
                    .isEqualTo("1");
        }
    }

    private static void read(RedisConnector connector, RedisClusterAsyncCommands<String, String> r, String stream,
            String consumer, int count) {
        assertThat(connector.await(r.xreadgroup(Consumer.from(KeyLayout.GROUP, consumer), XReadArgs.Builder.count(count),
                XReadArgs.StreamOffset.lastConsumed(stream)))).hasSize(count);
    }
}
