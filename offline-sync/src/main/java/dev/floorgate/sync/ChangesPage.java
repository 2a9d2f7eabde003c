package dev.floorgate.sync;

import java.util.List;

/**
 * One page of {@code GET /v1/changes}: the items the gateway understood, the cursor to ask from next, and how
 * many items were skipped (unknown kinds, or items missing a key field; logged, never blocking the feed).
 */
public record ChangesPage(List<ChangeItem> items, String next, int skipped) {
    public ChangesPage {
        items = List.copyOf(items);
    }
}
