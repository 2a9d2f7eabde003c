package dev.floorgate.gateway.internal;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Bounds on the work one request may cause, {@code fg.limits.*} (issue 22 finding 4: a dozen concurrent huge
 * previews took the heap). Each bound refuses at once rather than queueing without end.
 *
 * <ul>
 *   <li>{@code fg.limits.preview-max-pixels} (10000000): a preview's canvas, width x height in dots at its dpi
 *       (a 4 x 6 in label at 600 dpi is 8.64 million); a larger one is refused with 413 PREVIEW_TOO_LARGE before
 *       anything is drawn.</li>
 *   <li>{@code fg.limits.preview-concurrency} (2): previews drawn at the same time.</li>
 *   <li>{@code fg.limits.preview-queue} (8): previews waiting for a turn (site IT's page asks for every template's
 *       preview at once), each at most the timeout; one more is answered 503 BUSY at once.</li>
 *   <li>{@code fg.limits.preview-timeout} (10s): a preview not drawn by then is answered 503 BUSY; it keeps its
 *       place in the concurrency limit until the drawing really stops.</li>
 *   <li>{@code fg.limits.min-free-heap-percent} (15): below this share of free heap (measured after the last
 *       collection) new previews and event streams are answered 503 BUSY.</li>
 *   <li>{@code fg.limits.streams-per-device} (4): open event streams per device; a new one closes its oldest.</li>
 *   <li>{@code fg.limits.streams-total} (1000): open event streams of the gateway; one more is answered 503 BUSY.</li>
 *   <li>{@code fg.limits.operations-max-chars} (2097152): the text of one {@code POST /api/v1/operations}; a longer
 *       body is refused 413 BATCH_TOO_LARGE before it is parsed (besides the 1000 operations per request).</li>
 * </ul>
 * Every request body is also bounded by Micronaut's {@code micronaut.server.max-request-size} (8 MiB in
 * application.yml: a raw ZPL label with logos), answered 413 before the body is read.
 */
@ConfigurationProperties(LimitsConfiguration.PREFIX)
public interface LimitsConfiguration {
    String PREFIX = "fg.limits";

    @Bindable(defaultValue = "10000000")
    long getPreviewMaxPixels();

    @Bindable(defaultValue = "2")
    int getPreviewConcurrency();

    @Bindable(defaultValue = "8")
    int getPreviewQueue();

    @Bindable(defaultValue = "10s")
    Duration getPreviewTimeout();

    @Bindable(defaultValue = "15")
    int getMinFreeHeapPercent();

    @Bindable(defaultValue = "4")
    int getStreamsPerDevice();

    @Bindable(defaultValue = "1000")
    int getStreamsTotal();

    @Bindable(defaultValue = "2097152")
    int getOperationsMaxChars();
}
