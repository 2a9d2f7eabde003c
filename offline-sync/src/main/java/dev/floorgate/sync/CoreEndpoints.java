package dev.floorgate.sync;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;

/**
 * The core instances the gateway may send to, in order of preference, and which one is in use. The first URL is the
 * preferred core: the gateway fails over to the next on a connection failure, a timeout or a 502/503/504 and comes
 * back to the first once its {@code /health} answers 2xx again (probed at most once per probe interval while
 * another core is in use). Thread-safe; switching is a compare-and-set, so two lanes failing at once move one step.
 */
final class CoreEndpoints {
    private final List<String> urls;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger failovers = new AtomicInteger();
    private final long probeIntervalNanos;
    private final AtomicLong nextProbeNanos = new AtomicLong(Long.MIN_VALUE);

    CoreEndpoints(List<String> baseUrls, long probeIntervalNanos) {
        if (baseUrls == null || baseUrls.isEmpty()) {
            throw new IllegalArgumentException("no core URL given");
        }
        List<String> cleaned = new ArrayList<>(baseUrls.size());
        for (String url : baseUrls) {
            String u = url == null ? "" : url.trim().replaceAll("/+$", "");
            if (HttpUrl.parse(u + CoreClient.BATCH_PATH) == null) {
                throw new IllegalArgumentException("core base URL '" + url + "' is not an http(s) URL");
            }
            if (cleaned.contains(u)) {
                throw new IllegalArgumentException("core base URL '" + u + "' is listed twice");
            }
            cleaned.add(u);
        }
        this.urls = Collections.unmodifiableList(cleaned);
        this.probeIntervalNanos = probeIntervalNanos;
    }

    /** A comma-separated list ({@code fg.core.url}): "http://a:8081, http://b:8081"; empty entries are skipped. */
    static List<String> parse(String commaSeparated) {
        List<String> out = new ArrayList<>();
        if (commaSeparated == null) {
            return out;
        }
        for (String part : commaSeparated.split(",")) {
            String u = part.trim().replaceAll("/+$", "");
            if (!u.isEmpty()) {
                out.add(u);
            }
        }
        return out;
    }

    List<String> all() {
        return urls;
    }

    int size() {
        return urls.size();
    }

    /** Index of the core in use. */
    int activeIndex() {
        return active.get();
    }

    String url(int index) {
        return urls.get(index);
    }

    String activeUrl() {
        return urls.get(active.get());
    }

    /**
     * The core at {@code failedIndex} failed: move to the next one, unless another caller moved already. Returns the
     * index now in use.
     */
    int failedOver(int failedIndex) {
        int next = (failedIndex + 1) % urls.size();
        if (next != failedIndex && active.compareAndSet(failedIndex, next)) {
            failovers.incrementAndGet();
            // probe the preferred core no sooner than one interval after leaving it
            nextProbeNanos.set(System.nanoTime() + probeIntervalNanos);
        }
        return active.get();
    }

    /** Whether the caller should probe the preferred core now (another is in use and the interval has passed). */
    boolean probeDue(long nowNanos) {
        if (active.get() == 0) {
            return false;
        }
        long due = nextProbeNanos.get();
        return nowNanos - due >= 0 && nextProbeNanos.compareAndSet(due, nowNanos + probeIntervalNanos);
    }

    /** The preferred core answered its health check: use it again. */
    boolean backToPreferred() {
        int was = active.getAndSet(0);
        return was != 0;
    }

    /** How many times the gateway switched away from a failing core since start. */
    int failovers() {
        return failovers.get();
    }
}
