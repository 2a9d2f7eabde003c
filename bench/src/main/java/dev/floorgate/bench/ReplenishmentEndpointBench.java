package dev.floorgate.bench;

import dev.floorgate.replenishment.SyntheticDemand;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /v1/replenishment} on a ledger of realistic size: the core in this JVM on a fresh MariaDB database,
 * whose ledger is seeded directly with a year of daily PICK rows per SKU from {@link SyntheticDemand} (stock-out
 * days carry usable 0), plus stock rows. Measures the endpoint (JSON and CSV, signed, median and max of the
 * repeats) beside the floor of reading the same demand: one plain {@code SUM(qty) GROUP BY sku, day} query over the
 * same window, in the same run.
 *
 * <pre>./floorgate bench ReplenishmentEndpointBench [--skus 500] [--days 730] [--repeats 5]</pre>
 */
public final class ReplenishmentEndpointBench {
    private ReplenishmentEndpointBench() {
    }

    public static void main(String[] args) throws Exception {
        int skus = 500;
        int days = 730;
        int repeats = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            int value = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--skus" -> skus = value;
                case "--days" -> days = value;
                case "--repeats" -> repeats = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--skus, --days, --repeats)");
            }
        }
        try (BenchCore core = new BenchCore().start(0)) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            long rows = seed(core, skus, days, today);
            System.out.printf("ledger: %,d PICK rows (%d SKUs x %d days), window 182 days (%,d rows)%n", rows, skus,
                    days, 182L * skus);
            String path = "/v1/replenishment?tenant=acme&warehouse=WH1";
            double[] json = time(repeats, () -> core.call("GET", path, null).length());
            double[] csv = time(repeats, () -> core.call("GET", path + "&format=csv", null).length());
            double[] sql = time(repeats, () -> {
                try (Connection c = core.database(); PreparedStatement ps = c.prepareStatement(
                        "SELECT sku, LEFT(occurred_at, 10) d, SUM(qty) FROM ledger WHERE tenant = 'acme' AND "
                                + "warehouse = 'WH1' AND kind = 'A' AND type = 'PICK' AND recorded_at >= ? "
                                + "GROUP BY sku, d")) {
                    ps.setTimestamp(1, Timestamp.valueOf(today.minusDays(182).atStartOfDay()));
                    int n = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            n++;
                        }
                    }
                    return n;
                }
            });
            System.out.printf("%-52s median %7.0f ms  max %7.0f ms%n", "GET /v1/replenishment (JSON)", median(json),
                    max(json));
            System.out.printf("%-52s median %7.0f ms  max %7.0f ms%n", "GET /v1/replenishment?format=csv",
                    median(csv), max(csv));
            System.out.printf("%-52s median %7.0f ms  max %7.0f ms%n",
                    "baseline: SUM(qty) GROUP BY sku, day (SQL only)", median(sql), max(sql));
            System.out.printf("ratio endpoint/SQL %.1fx; %.2f ms per SKU%n", median(json) / median(sql),
                    median(json) / skus);
        }
    }

    private static long seed(BenchCore core, int skus, int days, LocalDate today) throws Exception {
        LocalDate first = today.minusDays(days);
        List<SyntheticDemand.Series> series = SyntheticDemand.generate(42, skus, days, first);
        long rows = 0;
        try (Connection c = core.database(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            String zeros = "0".repeat(64);
            List<String> values = new ArrayList<>();
            long[] usable = new long[series.size()];
            // day by day, every SKU's row of the day: ids grow with recorded_at, as the write-back writes them
            for (int d = 0; d < days; d++) {
                LocalDate day = first.plusDays(d);
                Timestamp at = Timestamp.valueOf(day.atTime(12, 0));
                for (int k = 0; k < series.size(); k++) {
                    SyntheticDemand.Series s = series.get(k);
                    long qty = (long) s.observed().sales(d);
                    usable[k] = s.observed().censored(d) ? 0 : 100 + qty;
                    values.add("('b-" + s.sku() + "-" + d + "','A','acme','WH1','" + s.sku() + "','PICK'," + qty
                            + ",'" + day.atTime(12, 0).toInstant(ZoneOffset.UTC) + "','" + zeros + "','APPLIED',"
                            + usable[k] + ",'{}','" + at + "')");
                    if (values.size() == 2000) {
                        rows += flush(st, values);
                    }
                }
            }
            StringBuilder stock = new StringBuilder();
            for (int k = 0; k < series.size(); k++) {
                stock.append(k == 0 ? "" : ",").append("('acme','WH1','").append(series.get(k).sku())
                        .append("',0,").append(usable[k]).append(',').append(usable[k]).append(",0,1)");
            }
            rows += flush(st, values);
            st.executeUpdate("INSERT INTO stock (tenant, warehouse, sku, bucket, on_hand, usable, reserved, seq) "
                    + "VALUES " + stock);
            c.commit();
        }
        return rows;
    }

    private static int flush(Statement st, List<String> values) throws Exception {
        if (values.isEmpty()) {
            return 0;
        }
        int n = st.executeUpdate("INSERT INTO ledger (op_id, kind, tenant, warehouse, sku, type, qty, occurred_at, "
                + "fingerprint, status, usable, op_json, recorded_at) VALUES " + String.join(",", values));
        values.clear();
        return n;
    }

    /** A measured call. */
    private interface Call {
        Object run() throws Exception;
    }

    private static double[] time(int repeats, Call call) throws Exception {
        call.run();   // warm-up
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        return ms;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
