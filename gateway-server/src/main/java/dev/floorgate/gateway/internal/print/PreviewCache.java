package dev.floorgate.gateway.internal.print;

import dev.floorgate.templates.LabelTemplate;
import dev.floorgate.templates.PreviewResult;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last {@link #CAPACITY} template previews, least recently used dropped first. Site IT's page asks for every
 * template's preview each time it is opened, and a PNG render allocates a full-size bitmap (measured: most of the
 * gateway's allocation during page use, and a cause of its RSS growing). A template is loaded once at start-up and
 * never changes, and a {@link PreviewResult} is immutable, so (template, data, dpi) names the answer. Previews with
 * more than {@link #MAX_DATA_CHARS} characters of data are rendered every time, so the cache stays small (each entry
 * is one PNG of a few kB).
 */
final class PreviewCache {
    static final int CAPACITY = 32;
    static final int MAX_DATA_CHARS = 4096;

    private record Key(LabelTemplate template, Map<String, String> data, int dpi) {
    }

    private final Map<Key, PreviewResult> entries = new LinkedHashMap<>(CAPACITY * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, PreviewResult> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The cached preview, or {@code render}'s (cached when the data is small). Renders outside the lock. */
    PreviewResult get(LabelTemplate template, Map<String, String> data, Supplier<PreviewResult> render) {
        if (data == null) {
            data = Map.of(); // the template's sample data, as LabelTemplate.preview reads null
        }
        if (size(data) > MAX_DATA_CHARS) {
            return render.get();
        }
        Key key = new Key(template, new HashMap<>(data), template.dpi()); // a copy: the caller's map may change
        synchronized (entries) {
            PreviewResult cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        PreviewResult fresh = render.get(); // throws for bad data: nothing cached
        synchronized (entries) {
            entries.put(key, fresh);
        }
        return fresh;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private static long size(Map<String, String> data) {
        long chars = 0;
        for (Map.Entry<String, String> e : data.entrySet()) {
            chars += e.getKey().length() + (e.getValue() == null ? 0 : e.getValue().length());
        }
        return chars;
    }
}
