package dev.floorgate.core.internal;

import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.replenishment.DemandHistory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Daily demand per SKU of one warehouse from the MySQL ledger, for the replenishment suggestions.
 * <ul>
 *   <li><b>Demand</b> is the quantity of applied PICK operations: the goods leaving the stock. SHIP is not
 *       added: it confirms goods already picked, counting it too would count them twice.</li>
 *   <li><b>The day</b> is the UTC date of the operation's {@code occurredAt} (when the picker picked, even if an
 *       offline PDA synced it later); {@code recorded_at} only when there is no occurredAt.</li>
 *   <li><b>Stock-out days</b> (censored: the sales that day are not all the demand there was): a day on which a
 *       PICK or RESERVE was rejected for INSUFFICIENT_STOCK, or on which the record's usable figure was 0 at the
 *       start of the day or after any applied operation. The usable figure before the window comes from the last
 *       ledger row before it.</li>
 * </ul>
 * Rows are selected by recorded_at (the core's clock) from {@link #SYNC_MARGIN_DAYS} days before the window, so a
 * device clock running ahead, or a database session in another time zone, does not drop a day's first rows; each
 * row then counts on its occurredAt day, so an operation synced late still lands on the day it happened. Cost: the
 * rows of the window, found by id ({@link #firstIdRecordedFrom}), plus the newest older row per SKU for the opening
 * figures, from the index; older history is not read.
 *
 * <p>Everything is read on the tenant's own connection (TenantDatabases, issue 17 item 4), whose ledger and stock
 * views hold only its rows. The search for the window's first id therefore runs over the tenant's own ledger rows
 * (their ids and recorded_at grow together as well); each probe reads forward to the tenant's next row, so a
 * tenant idle while others wrote costs the rows in between, not one point read.
 */
final class DemandReader {
    static final int SYNC_MARGIN_DAYS = 3;
    private final TenantDatabases db;

    DemandReader(TenantDatabases db) {
        this.db = db;
    }

    /** The demand of every SKU with a stock record or a ledger row in the window, and its usable stock. */
    record Demand(Map<String, DemandHistory> histories, Map<String, long[]> stock) {
    }

    /**
     * @param firstDay first day of the window (inclusive)
     * @param days days in the window; the last is {@code firstDay + days - 1}
     */
    Demand read(String tenant, String warehouse, LocalDate firstDay, int days) throws SQLException {
        Map<String, SkuDays> skus = new TreeMap<>();
        Map<String, long[]> stock = new TreeMap<>();
        Timestamp windowStart = Timestamp.from(firstDay.atStartOfDay(ZoneOffset.UTC).toInstant());
        try (Connection c = db.connection(tenant)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT sku, on_hand, usable FROM stock "
                    + "WHERE tenant = ? AND warehouse = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, warehouse);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stock.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                        skus.computeIfAbsent(rs.getString(1), k -> new SkuDays(days));
                    }
                }
            }
            long firstId = firstIdRecordedFrom(c,
                    Timestamp.from(windowStart.toInstant().minusSeconds(SYNC_MARGIN_DAYS * 86_400L)));
            openingFigures(c, tenant, warehouse, firstId, skus, days);
            try (PreparedStatement ps = c.prepareStatement("SELECT sku, kind, type, qty, code, usable, occurred_at, "
                    + "recorded_at FROM ledger WHERE tenant = ? AND warehouse = ? AND id >= ? ORDER BY id")) {
                ps.setString(1, tenant);
                ps.setString(2, warehouse);
                ps.setLong(3, firstId);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LocalDate day = day(rs.getString(7), rs.getTimestamp(8));
                        long usable = rs.getLong(6);
                        Long usableAfter = rs.wasNull() ? null : usable;
                        skus.computeIfAbsent(rs.getString(1), k -> new SkuDays(days)).row(
                                (int) (day.toEpochDay() - firstDay.toEpochDay()), rs.getString(2), rs.getString(3),
                                rs.getLong(4), rs.getString(5), usableAfter);
                    }
                }
            }
        }
        Map<String, DemandHistory> histories = new TreeMap<>();
        for (Map.Entry<String, SkuDays> e : skus.entrySet()) {
            SkuDays d = e.getValue();
            d.startDaysUpTo(days - 1);   // the days after the last row start with the last figure
            histories.put(e.getKey(), new DemandHistory(firstDay, d.sales, d.censored));
        }
        return new Demand(histories, stock);
    }

    /**
     * The smallest id from which every ledger row was recorded at or after {@code from}: a binary search over the
     * primary key (about 40 point reads for a billion rows), because ids and recorded_at both grow with each insert
     * and recorded_at has no index of its own (one would cost every write-back insert); a clock stepped back by
     * less than the margin changes nothing. Past the last row when there is none.
     */
    static long firstIdRecordedFrom(Connection c, Timestamp from) throws SQLException {
        long lo;
        long hi;
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(id), MAX(id) FROM ledger");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            lo = rs.getLong(1);
            if (rs.wasNull()) {
                return 0;
            }
            hi = rs.getLong(2) + 1;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT recorded_at FROM ledger WHERE id >= ? ORDER BY id LIMIT 1")) {
            while (lo < hi) {
                long mid = lo + (hi - lo) / 2;
                ps.setLong(1, mid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getTimestamp(1).before(from)) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
            }
        }
        return lo;
    }

    /**
     * The usable figure each record had before {@code firstId}: the newest older row per SKU from the
     * (tenant, warehouse, sku) index alone, then, for the few whose newest row is a rejection (no figures), the
     * newest older row that has them.
     */
    private static void openingFigures(Connection c, String tenant, String warehouse, long firstId,
            Map<String, SkuDays> skus, int days) throws SQLException {
        Set<String> missing = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT l.sku, l.usable FROM ledger l JOIN ("
                + "SELECT MAX(id) id FROM ledger WHERE tenant = ? AND warehouse = ? AND id < ? GROUP BY sku) last "
                + "ON l.id = last.id")) {
            ps.setString(1, tenant);
            ps.setString(2, warehouse);
            ps.setLong(3, firstId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long usable = rs.getLong(2);
                    if (rs.wasNull()) {
                        missing.add(rs.getString(1));
                    } else {
                        skus.computeIfAbsent(rs.getString(1), k -> new SkuDays(days)).usable = usable;
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT usable FROM ledger WHERE tenant = ? AND warehouse = ? "
                + "AND sku = ? AND id < ? AND usable IS NOT NULL ORDER BY id DESC LIMIT 1")) {
            for (String sku : missing) {
                ps.setString(1, tenant);
                ps.setString(2, warehouse);
                ps.setString(3, sku);
                ps.setLong(4, firstId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        skus.computeIfAbsent(sku, k -> new SkuDays(days)).usable = rs.getLong(1);
                    }
                }
            }
        }
    }

    /** One SKU's days as the ledger rows arrive (in id order, which is the record's order of application). */
    private static final class SkuDays {
        final double[] sales;
        final boolean[] censored;
        /** The usable figure after the newest row so far; null before any. */
        Long usable;
        /** Index of the newest day whose start has been judged. */
        int judgedUpTo = -1;

        SkuDays(int days) {
            sales = new double[days];
            censored = new boolean[days];
        }

        void row(int index, String kind, String type, long qty, String code, Long usableAfter) {
            if (index < 0) {
                // a row from before the window (synced late): its figure is the opening one if none is newer
                if (usableAfter != null && judgedUpTo < 0) {
                    usable = usableAfter;
                }
                return;
            }
            if (index >= sales.length) {
                return;
            }
            if ("A".equals(kind) && "PICK".equals(type)) {
                sales[index] += qty;
            }
            if ("R".equals(kind) && ResultCodes.INSUFFICIENT_STOCK.equals(code)) {
                censored[index] = true;
            }
            if (usableAfter != null) {
                startDaysUpTo(index);
                if (usableAfter == 0) {
                    censored[index] = true;
                }
                usable = usableAfter;
            }
        }

        /** Days not yet judged up to {@code index} began with the current figure: empty means censored. */
        void startDaysUpTo(int index) {
            for (int d = judgedUpTo + 1; d <= index && d < censored.length; d++) {
                if (usable != null && usable == 0) {
                    censored[d] = true;
                }
            }
            judgedUpTo = Math.max(judgedUpTo, Math.min(index, censored.length - 1));
        }
    }

    private static LocalDate day(String occurredAt, Timestamp recordedAt) {
        if (occurredAt != null) {
            try {
                return java.time.Instant.parse(occurredAt).atOffset(ZoneOffset.UTC).toLocalDate();
            } catch (DateTimeParseException e) {
                // the gateway validates occurredAt; a row from before that check falls back to recorded_at
            }
        }
        return recordedAt.toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
