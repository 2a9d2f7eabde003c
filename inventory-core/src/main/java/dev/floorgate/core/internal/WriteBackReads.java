package dev.floorgate.core.internal;

import io.lettuce.core.Consumer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** One write-back round's XREADGROUP over every (tenant, bucket) stream (WriteBackWorker). */
final class WriteBackReads {
    private WriteBackReads() {
    }

    /**
     * The messages of this round per bucket (buckets without any left out). On one Redis node all streams are read
     * with one XREADGROUP, so the round costs one command however many tenants there are; on a cluster each
     * (tenant, bucket) has its own slot, so one command per stream, sent together.
     */
    static Map<Bucket, List<StreamMessage<String, String>>> read(RedisConnector redis, String consumer, int batchSize,
            List<Bucket> round, String offset) {
        Map<Bucket, List<StreamMessage<String, String>>> byBucket = new LinkedHashMap<>();
        Consumer<String> me = Consumer.from(KeyLayout.GROUP, consumer);
        XReadArgs count = XReadArgs.Builder.count(batchSize);
        if (round.isEmpty()) {
            return byBucket;
        }
        if (!redis.isCluster()) {
            Map<String, Bucket> byStream = new HashMap<>();
            @SuppressWarnings("unchecked")
            XReadArgs.StreamOffset<String>[] offsets = new XReadArgs.StreamOffset[round.size()];
            for (int i = 0; i < round.size(); i++) {
                offsets[i] = XReadArgs.StreamOffset.from(round.get(i).stream(), offset);
                byStream.put(round.get(i).stream(), round.get(i));
            }
            List<StreamMessage<String, String>> all = redis.await(redis.async().xreadgroup(me, count, offsets));
            for (StreamMessage<String, String> m : all == null ? List.<StreamMessage<String, String>>of() : all) {
                byBucket.computeIfAbsent(byStream.get(m.getStream()), b -> new ArrayList<>()).add(m);
            }
            return byBucket;
        }
        List<CompletableFuture<List<StreamMessage<String, String>>>> reads = new ArrayList<>(round.size());
        for (Bucket b : round) {
            reads.add(redis.async().xreadgroup(me, count, XReadArgs.StreamOffset.from(b.stream(), offset))
                    .toCompletableFuture());
        }
        for (int i = 0; i < round.size(); i++) {
            List<StreamMessage<String, String>> messages = redis.await(reads.get(i));
            if (messages != null && !messages.isEmpty()) {
                byBucket.put(round.get(i), messages);
            }
        }
        return byBucket;
    }

}
