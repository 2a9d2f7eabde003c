package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceUrl;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The registry of {@link TransportType}s by URL scheme, filled once by {@link ServiceLoader}.
 *
 * <p>Why ServiceLoader and not a static list: a transport is then a new class plus one line in
 * {@code META-INF/services/dev.floorgate.devices.internal.TransportType}, in this jar or in another one on the
 * class path, with no edit here; a test registers its own transport the same way (from its test resources);
 * and the gateway's shaded jar merges service files (ServicesResourceTransformer). The built-in order of that
 * file (tcp, tcp-listen, serial) is the order schemes are listed in messages. Two types claiming one scheme
 * are a packaging mistake and fail at first use, naming both classes.
 */
public final class TransportTypes {

    private static final class Loaded {
        static final Map<String, TransportType> BY_SCHEME = load();
    }

    private TransportTypes() {
    }

    /**
     * The transport for {@code scheme}.
     *
     * @throws IllegalArgumentException naming the URL, the scheme and the known schemes
     */
    public static TransportType forScheme(String url, String scheme) {
        TransportType type = Loaded.BY_SCHEME.get(scheme.toLowerCase(Locale.ROOT));
        if (type == null) {
            throw DeviceLocation.problem(url, "unknown scheme '" + scheme + "'; expected " + or(schemes()));
        }
        return type;
    }

    /** The transport of a parsed URL. */
    public static TransportType of(DeviceUrl url) {
        return forScheme(url.toString(), url.scheme());
    }

    /** Every known scheme, in registration order. */
    public static List<String> schemes() {
        return new ArrayList<>(Loaded.BY_SCHEME.keySet());
    }

    /** Each transport's example URL ({@link TransportType#example()}), in registration order. */
    public static List<String> examples() {
        List<String> out = new ArrayList<>();
        for (TransportType type : new java.util.LinkedHashSet<>(Loaded.BY_SCHEME.values())) {
            out.add(type.example());
        }
        return out;
    }

    /** {@code a, b or c}. */
    public static String or(List<String> words) {
        if (words.size() <= 1) {
            return String.join("", words);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    private static Map<String, TransportType> load() {
        Map<String, TransportType> byScheme = new LinkedHashMap<>();
        for (TransportType type : ServiceLoader.load(TransportType.class, TransportType.class.getClassLoader())) {
            for (String scheme : type.schemes()) {
                TransportType before = byScheme.putIfAbsent(scheme.toLowerCase(Locale.ROOT), type);
                if (before != null && before.getClass() != type.getClass()) {
                    throw new IllegalStateException("device url scheme '" + scheme + "' is claimed by both "
                            + before.getClass().getName() + " and " + type.getClass().getName());
                }
            }
        }
        if (byScheme.isEmpty()) {
            throw new IllegalStateException("no device transports found: META-INF/services/"
                    + TransportType.class.getName() + " is missing from the class path (a jar repackaged without it?)");
        }
        return Collections.unmodifiableMap(byScheme);
    }
}
