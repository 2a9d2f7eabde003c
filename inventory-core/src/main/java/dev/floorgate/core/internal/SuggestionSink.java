package dev.floorgate.core.internal;

import java.util.List;

/**
 * Where {@link ReplenishmentService#publish} hands the SKUs due for an order: with a bus {@link SuggestionEvents}
 * (replenishment.suggested events through the outbox, their ids derived from tenant, warehouse, day and SKU so a
 * consumer drops repeats), without one {@link #NONE}; CoreBeans picks.
 */
interface SuggestionSink {
    /** Publishes nothing: a core without a bus. */
    SuggestionSink NONE = report -> { };

    /** Called with the suggestions of one warehouse whose {@code reorder} is true; may be empty. */
    void suggested(ReplenishmentService.Report report);
}
