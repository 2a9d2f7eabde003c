package dev.floorgate.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a Redis server's time goes per operation of a benchmark part: {@code CONFIG RESETSTAT} before the part, then
 * {@code INFO commandstats} after it, each command's calls and µs divided by the part's operations. Commands a Lua
 * script runs are counted on their own and inside the EVALSHA's time as well, so the script's own Lua work is
 * EVALSHA's µs minus its commands'. Only for a Redis of the benchmark's own: the reset clears the server's counters.
 */
final class RedisCommandCost implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    RedisCommandCost(String uri) {
        client = RedisClient.create(uri);
        connection = client.connect();
    }

    void reset() {
        connection.sync().configResetstat();
    }

    /** One line per command with at least 0.1 µs per operation: calls per op and µs per op, busiest first. */
    List<String> perOperation(long operations) {
        List<double[]> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String line : connection.sync().info("commandstats").split("\r?\n")) {
            // cmdstat_hset:calls=12,usec=34,usec_per_call=2.83,rejected_calls=0,failed_calls=0
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            String name = line.substring(8, line.indexOf(':'));
            double calls = field(line, "calls=");
            double usec = field(line, "usec=");
            names.add(name);
            rows.add(new double[] {calls / Math.max(1, operations), usec / Math.max(1, operations)});
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(rows.get(b)[1], rows.get(a)[1]));
        List<String> out = new ArrayList<>();
        for (int i : order) {
            if (rows.get(i)[1] >= 0.1) {
                out.add(String.format(Locale.ROOT, "    %-12s %5.2f calls/op %7.2f µs/op", names.get(i),
                        rows.get(i)[0], rows.get(i)[1]));
            }
        }
        return out;
    }

    private static double field(String line, String key) {
        int at = line.indexOf(key);
        int end = line.indexOf(',', at);
        return Double.parseDouble(line.substring(at + key.length(), end < 0 ? line.length() : end));
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
