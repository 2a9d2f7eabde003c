package dev.floorgate.devices;

import dev.floorgate.devices.internal.DeviceLocation;
import dev.floorgate.devices.internal.TransportType;
import dev.floorgate.devices.internal.TransportTypes;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where a device is and how to reach it: {@code scheme://location?name=value&...}. The built-in schemes:
 * <ul>
 *   <li>{@code tcp://host:port}: we connect to the device (a printer on 9100, a fixed-mount reader);</li>
 *   <li>{@code tcp-listen://address:port}: the device connects to us ({@code 0.0.0.0} for every interface);</li>
 *   <li>{@code serial:///dev/ttyUSB0?baud=9600&parity=none&suffix=CRLF}: a serial port by path.</li>
 * </ul>
 * Each scheme is served by one transport class found by scheme (see {@code internal.TransportTypes}), which
 * checks the location and its own options (a serial port's line settings) here; a new transport is a new class.
 * Options are kept as given (names are case-sensitive, values URL-decoded); a flag without {@code =} has the
 * value {@code "true"}. The driver option classes ({@link ScannerOptions#fromUrl}, {@link PrinterOptions#fromUrl},
 * {@link ScaleOptions#fromUrl})
 * say which names they know besides the transport's and reject the others. Immutable.
 */
public final class DeviceUrl {

    /**
     * How the device is reached, declared by its transport: TCP = we open the connection to it, TCP_LISTEN = it
     * connects to us, SERIAL = a local port named by a path. Callers decide on it (a printer cannot be
     * TCP_LISTEN); a new transport declares the one that describes it.
     */
    public enum Kind { TCP, TCP_LISTEN, SERIAL }

    private final String url;
    private final String scheme;
    private final Kind kind;
    private final DeviceLocation location;
    private final Map<String, String> options;

    private DeviceUrl(String url, String scheme, Kind kind, DeviceLocation location, Map<String, String> options) {
        this.url = url;
        this.scheme = scheme;
        this.kind = kind;
        this.location = location;
        this.options = Collections.unmodifiableMap(options);
    }

    /**
     * Parses a device URL.
     *
     * @throws IllegalArgumentException naming the URL and what is wrong with it
     */
    public static DeviceUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("device url is empty; expected "
                    + TransportTypes.or(TransportTypes.examples()));
        }
        String text = url.trim();
        int schemeEnd = text.indexOf("://");
        if (schemeEnd <= 0) {
            throw DeviceLocation.problem(url, "missing scheme; expected " + TransportTypes.or(
                    TransportTypes.schemes().stream().map(s -> s + "://").collect(Collectors.toList())));
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        TransportType type = TransportTypes.forScheme(url, scheme);
        String rest = text.substring(schemeEnd + 3);
        int queryStart = rest.indexOf('?');
        Map<String, String> options = queryStart < 0 ? new LinkedHashMap<>() : parseOptions(url, rest.substring(queryStart + 1));
        DeviceLocation location = type.locate(url, queryStart < 0 ? rest : rest.substring(0, queryStart));
        DeviceUrl parsed = new DeviceUrl(text, scheme, type.kind(), location, options);
        type.checkOptions(parsed);
        return parsed;
    }

    private static Map<String, String> parseOptions(String url, String query) {
        Map<String, String> options = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return options;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(url, eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "true" : decode(url, pair.substring(eq + 1));
            if (name.isEmpty()) {
                throw DeviceLocation.problem(url, "option without a name in '" + pair + "'");
            }
            if (options.put(name, value) != null) {
                throw DeviceLocation.problem(url, "option '" + name + "' is given twice");
            }
        }
        return options;
    }

    private static String decode(String url, String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid device url '" + url + "': bad escape in '" + text + "'", e);
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The scheme, lower case ({@code tcp}, {@code tcp-listen}, {@code serial}, or an added transport's). */
    public String scheme() {
        return scheme;
    }

    /** Host name or address for host:port locations (TCP kinds); null for a path. */
    public String host() {
        return location.host();
    }

    /** Port for host:port locations (0 = any free port, tcp-listen only); -1 for a path. */
    public int port() {
        return location.port();
    }

    /** Device path for serial ({@code /dev/ttyUSB0}); null for host:port locations. */
    public String path() {
        return location.path();
    }

    /** The query options, in the order given. */
    public Map<String, String> options() {
        return options;
    }

    /** The option's value, or {@code defaultValue} when it is not given. */
    public String option(String name, String defaultValue) {
        return options.getOrDefault(name, defaultValue);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceUrl && ((DeviceUrl) o).url.equals(url);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url);
    }

    /** The URL as given. */
    @Override
    public String toString() {
        return url;
    }
}
