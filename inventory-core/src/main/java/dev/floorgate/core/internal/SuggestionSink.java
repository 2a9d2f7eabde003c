package dev.floorgate.core.internal;

import java.util.List;

/**
 * Where {@link ReplenishmentService#publish} hands the SKUs due for an order: the seam for publishing suggestions
 * as events (issue 15 item 1's RabbitMQ publisher implements it and replaces {@link #NONE} in CoreBeans). The
 * event id a publisher derives from tenant, warehouse, day and SKU lets a consumer drop repeats.
 */
interface SuggestionSink {
    /** Publishes nothing: the default until an event bus is wired. */
    SuggestionSink NONE = report -> { };

    /** Called with the suggestions of one warehouse whose {@code reorder} is true; may be empty. */
    void suggested(ReplenishmentService.Report report);
}
