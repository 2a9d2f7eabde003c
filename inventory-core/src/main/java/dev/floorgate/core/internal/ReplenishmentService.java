package dev.floorgate.core.internal;

import dev.floorgate.replenishment.DemandHistory;
import dev.floorgate.replenishment.ReplenishmentPlanner;
import dev.floorgate.replenishment.ReplenishmentSettings;
import dev.floorgate.replenishment.Suggestion;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replenishment suggestions for one warehouse: the demand of the last {@code historyDays} complete UTC days from
 * the ledger ({@link DemandReader}), each SKU's settings ({@link ReplenishmentSettingsStore}), and the
 * forecast and (R, s, S) arithmetic of the replenishment module, against the usable stock in MySQL. Today is not
 * in the history: a half day would read as a slump.
 */
final class ReplenishmentService {
    private final DemandReader demand;
    private final ReplenishmentSettingsStore settings;
    private final SuggestionSink sink;
    private final int historyDays;
    private final Clock clock;

    ReplenishmentService(DemandReader demand, ReplenishmentSettingsStore settings, SuggestionSink sink,
            int historyDays, Clock clock) {
        this.demand = demand;
        this.settings = settings;
        this.sink = sink;
        this.historyDays = historyDays;
        this.clock = clock;
    }

    /** One SKU's suggestion with its on-hand figure. */
    record Item(Suggestion suggestion, long onHand) {
    }

    /** The suggestions of one warehouse on one day, by SKU. */
    record Report(String tenant, String warehouse, LocalDate day, int historyDays, List<Item> items) {
    }

    Report suggest(String tenant, String warehouse) throws SQLException {
        LocalDate today = LocalDate.now(clock);
        LocalDate firstDay = today.minusDays(historyDays);
        DemandReader.Demand d = demand.read(tenant, warehouse, firstDay, historyDays);
        Map<String, ReplenishmentSettings> own = settings.read(tenant, warehouse);
        List<Item> items = new ArrayList<>();
        for (Map.Entry<String, DemandHistory> e : d.histories().entrySet()) {
            long[] stock = d.stock().getOrDefault(e.getKey(), new long[] {0, 0});
            Suggestion s = ReplenishmentPlanner.plan(e.getKey(), e.getValue(),
                    own.getOrDefault(e.getKey(), settings.defaults()), stock[1]);
            items.add(new Item(s, stock[0]));
        }
        return new Report(tenant, warehouse, today, historyDays, items);
    }

    /**
     * Computes the warehouse's suggestions and hands those due for an order to the {@link SuggestionSink} (the
     * event seam); returns them. Called by SuggestionPublishJob on its schedule and by
     * {@code POST /v1/admin/replenishment/publish}.
     */
    Report publish(String tenant, String warehouse) throws SQLException {
        Report all = suggest(tenant, warehouse);
        List<Item> due = all.items().stream().filter(i -> i.suggestion().reorder()).toList();
        Report report = new Report(tenant, warehouse, all.day(), historyDays, due);
        sink.suggested(report);
        return report;
    }
}
