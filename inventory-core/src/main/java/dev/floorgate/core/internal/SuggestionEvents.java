package dev.floorgate.core.internal;

import dev.floorgate.replenishment.ReplenishmentSettings;
import dev.floorgate.replenishment.Suggestion;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@link SuggestionSink} of a core with a bus: each SKU due for an order becomes a {@value #TYPE} event
 * (EVENTS.md, section 3) written into the transactional outbox, all of one warehouse's report in one MySQL
 * transaction, so the suggestions survive RabbitMQ being down and a core restart exactly like every other event:
 * EventPublisher sends them after the commit. The transaction runs on the tenant's own connection (TenantDatabases,
 * issue 17 item 4), which cannot reach the shared outbox: the events go into the tenant schema's own
 * {@code event_outbox}, and TenantOutboxRelay moves them into the shared one (as ParcelService's do).
 *
 * <p>The event id is a name-based UUID of type, tenant, warehouse, UTC day and SKU. Publishing the same day again
 * (the schedule and an admin trigger, or two core instances) gives the same ids: the outbox's unique event id
 * inserts nothing while the first row is kept ({@code fg.bus.outbox-retention}, 1 day; the relay copies with
 * {@code INSERT IGNORE}, so a second copy from the tenant's outbox inserts nothing either), and a consumer drops
 * the rest by message id. So a SKU gets at most one suggestion per day, the first one computed; the next day's is
 * a new event.
 */
final class SuggestionEvents implements SuggestionSink {
    static final String TYPE = "replenishment.suggested";
    private final TenantDatabases db;
    private final EventOutbox outbox;
    private final Runnable afterCommit;

    /** @param afterCommit wakes the relay and the publisher so the events go out without waiting for their poll */
    SuggestionEvents(TenantDatabases db, EventOutbox outbox, Runnable afterCommit) {
        this.db = db;
        this.outbox = outbox;
        this.afterCommit = afterCommit;
    }

    @Override
    public void suggested(ReplenishmentService.Report report) {
        if (!outbox.enabled() || report.items().isEmpty()) {
            return;
        }
        List<EventOutbox.Event> events = events(report);
        try (Connection c = db.connection(report.tenant())) {
            Transactions.run(c, tx -> {
                outbox.add(tx, events);
                return null;
            });
        } catch (SQLException e) {
            // The caller (the schedule, the admin endpoint) reports it; nothing was written, so a retry is clean.
            throw new IllegalStateException("writing " + events.size() + " " + TYPE + " events of " + report.tenant()
                    + "/" + report.warehouse() + " for " + report.day() + " into the tenant's outbox failed: "
                    + e.getMessage(),
                    e);
        }
        afterCommit.run();
    }

    static List<EventOutbox.Event> events(ReplenishmentService.Report report) {
        List<EventOutbox.Event> out = new ArrayList<>(report.items().size());
        for (ReplenishmentService.Item i : report.items()) {
            out.add(new EventOutbox.Event(eventId(report.tenant(), report.warehouse(), report.day(),
                    i.suggestion().sku()), report.tenant(), report.warehouse(), TYPE, data(report.day(), i)));
        }
        return out;
    }

    /** The id rule of EVENTS.md: one id per tenant, warehouse, UTC day and SKU. */
    static String eventId(String tenant, String warehouse, LocalDate day, String sku) {
        String name = TYPE + "\n" + tenant + "\n" + warehouse + "\n" + day + "\n" + sku;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The event's {@code data}: the suggestion with every figure it came from (the fields of GET /v1/replenishment). */
    static String data(LocalDate day, ReplenishmentService.Item item) {
        Suggestion s = item.suggestion();
        ReplenishmentSettings st = s.settings();
        return "{\"sku\":" + EventOutbox.quote(s.sku()) + ",\"day\":\"" + day + "\",\"orderQty\":" + s.orderQty()
                + ",\"position\":" + s.position() + ",\"onHand\":" + item.onHand() + ",\"reorderPoint\":"
                + s.reorderPoint() + ",\"orderUpTo\":" + s.orderUpTo() + ",\"safetyStock\":" + s.safetyStock()
                + ",\"dailyForecast\":" + number(s.dailyForecast()) + ",\"leadTimeDemand\":"
                + number(s.leadTimeDemand()) + ",\"protectionDemand\":" + number(s.protectionDemand())
                + ",\"errorSd\":" + number(s.errorSd()) + ",\"z\":" + number(s.z()) + ",\"method\":"
                + EventOutbox.quote(s.method()) + ",\"historyDays\":" + s.historyDays() + ",\"censoredDays\":"
                + s.censoredDays() + ",\"settings\":{\"leadTimeDays\":" + st.leadTimeDays() + ",\"reviewPeriodDays\":"
                + st.reviewPeriodDays() + ",\"serviceLevel\":" + number(st.serviceLevel()) + ",\"moq\":" + st.moq()
                + ",\"packSize\":" + st.packSize() + "}}";
    }

    /** Three decimals like the endpoint; JSON has no NaN or infinity, so those are null. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return "null";
        }
        return Double.toString(Math.round(value * 1000) / 1000.0);
    }
}
