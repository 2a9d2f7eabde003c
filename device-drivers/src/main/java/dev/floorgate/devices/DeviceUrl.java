package dev.floorgate.devices;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a device is and how to reach it. Three forms, each with optional {@code ?name=value&...} options:
 * <ul>
 *   <li>{@code tcp://host:port}: we connect to the device (a printer on 9100, a fixed-mount reader);</li>
 *   <li>{@code tcp-listen://address:port}: the device connects to us ({@code 0.0.0.0} for every interface);</li>
 *   <li>{@code serial:///dev/ttyUSB0?baud=9600&parity=none&suffix=CRLF}: a serial port by path.</li>
 * </ul>
 * Options are kept as given (names are case-sensitive, values URL-decoded); a flag without {@code =} has the
 * value {@code "true"}. The driver option classes ({@link ScannerOptions#fromUrl}, {@link PrinterOptions#fromUrl})
 * say which names they know and reject the others. Immutable.
 */
public final class DeviceUrl {

    /** How the device is reached. */
    public enum Kind { TCP, TCP_LISTEN, SERIAL }

    private final String url;
    private final Kind kind;
    private final String host;
    private final int port;
    private final String path;
    private final Map<String, String> options;

    private DeviceUrl(String url, Kind kind, String host, int port, String path, Map<String, String> options) {
        this.url = url;
        this.kind = kind;
        this.host = host;
        this.port = port;
        this.path = path;
        this.options = Collections.unmodifiableMap(options);
    }

    /**
     * Parses a device URL.
     *
     * @throws IllegalArgumentException naming the URL and what is wrong with it
     */
    public static DeviceUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("device url is empty; expected tcp://host:port, tcp-listen://address:port"
                    + " or serial:///dev/ttyX");
        }
        String text = url.trim();
        int schemeEnd = text.indexOf("://");
        if (schemeEnd <= 0) {
            throw problem(url, "missing scheme; expected tcp://, tcp-listen:// or serial://");
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(java.util.Locale.ROOT);
        String rest = text.substring(schemeEnd + 3);
        int queryStart = rest.indexOf('?');
        Map<String, String> options = queryStart < 0 ? new LinkedHashMap<>() : parseOptions(url, rest.substring(queryStart + 1));
        String location = queryStart < 0 ? rest : rest.substring(0, queryStart);
        switch (scheme) {
            case "tcp":
                return hostAndPort(url, Kind.TCP, location, options, false);
            case "tcp-listen":
                return hostAndPort(url, Kind.TCP_LISTEN, location, options, true);
            case "serial":
                if (location.isEmpty() || location.equals("/")) {
                    throw problem(url, "missing device path; expected serial:///dev/ttyUSB0");
                }
                return new DeviceUrl(text, Kind.SERIAL, null, -1, location, options);
            default:
                throw problem(url, "unknown scheme '" + scheme + "'; expected tcp, tcp-listen or serial");
        }
    }

    private static DeviceUrl hostAndPort(String url, Kind kind, String location, Map<String, String> options,
                                         boolean listen) {
        if (location.endsWith("/")) {
            location = location.substring(0, location.length() - 1);
        }
        if (location.contains("/")) {
            throw problem(url, "unexpected path after host:port");
        }
        String host;
        String portText;
        if (location.startsWith("[")) {
            int close = location.indexOf(']');
            if (close < 0 || close + 1 >= location.length() || location.charAt(close + 1) != ':') {
                throw problem(url, "an IPv6 address must be written [address]:port");
            }
            host = location.substring(1, close);
            portText = location.substring(close + 2);
        } else {
            int colon = location.lastIndexOf(':');
            if (colon < 0) {
                throw problem(url, "missing port; expected " + (listen ? "tcp-listen://address:port" : "tcp://host:port"));
            }
            host = location.substring(0, colon);
            portText = location.substring(colon + 1);
        }
        if (host.isEmpty()) {
            if (!listen) {
                throw problem(url, "missing host; expected tcp://host:port");
            }
            host = "0.0.0.0";
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw problem(url, "port '" + portText + "' is not a number");
        }
        // Port 0 asks the OS for a free port: useful for tcp-listen in tests, meaningless for a device we dial.
        if (port < (listen ? 0 : 1) || port > 65535) {
            throw problem(url, "port " + port + " is out of range " + (listen ? "0" : "1") + "-65535");
        }
        return new DeviceUrl(url.trim(), kind, host, port, null, options);
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
                throw problem(url, "option without a name in '" + pair + "'");
            }
            if (options.put(name, value) != null) {
                throw problem(url, "option '" + name + "' is given twice");
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

    private static IllegalArgumentException problem(String url, String what) {
        return new IllegalArgumentException("invalid device url '" + url + "': " + what);
    }

    public Kind kind() {
        return kind;
    }

    /** Host name or address for TCP kinds; null for serial. */
    public String host() {
        return host;
    }

    /** Port for TCP kinds (0 = any free port, tcp-listen only); -1 for serial. */
    public int port() {
        return port;
    }

    /** Device path for serial ({@code /dev/ttyUSB0}); null for TCP kinds. */
    public String path() {
        return path;
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
