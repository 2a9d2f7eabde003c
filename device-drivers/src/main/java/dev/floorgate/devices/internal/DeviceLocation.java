package dev.floorgate.devices.internal;

/**
 * Where a device is, as a {@link TransportType} read it from its URL: a host and port, or a path. Holds the
 * parsing shared by the transports, with errors in the form every device URL error takes
 * ({@code invalid device url 'URL': problem}).
 */
public final class DeviceLocation {

    private final String host;
    private final int port;
    private final String path;

    private DeviceLocation(String host, int port, String path) {
        this.host = host;
        this.port = port;
        this.path = path;
    }

    /** Null for a path location. */
    public String host() {
        return host;
    }

    /** -1 for a path location. */
    public int port() {
        return port;
    }

    /** Null for a host and port. */
    public String path() {
        return path;
    }

    public static IllegalArgumentException problem(String url, String what) {
        return new IllegalArgumentException("invalid device url '" + url + "': " + what);
    }

    /** A path such as {@code /dev/ttyUSB0}; {@code example} is the URL form shown when it is missing. */
    public static DeviceLocation path(String url, String location, String example) {
        if (location.isEmpty() || location.equals("/")) {
            throw problem(url, "missing device path; expected " + example);
        }
        return new DeviceLocation(null, -1, location);
    }

    /**
     * {@code host:port} or {@code [ipv6]:port}.
     *
     * @param listen true for an address we listen on: the host may be empty (every interface) and the port 0
     *               (any free port); a device we dial needs both
     * @param example the URL form shown when something is missing, e.g. {@code tcp://host:port}
     */
    public static DeviceLocation hostAndPort(String url, String location, boolean listen, String example) {
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
                throw problem(url, "missing port; expected " + example);
            }
            host = location.substring(0, colon);
            portText = location.substring(colon + 1);
        }
        if (host.isEmpty()) {
            if (!listen) {
                throw problem(url, "missing host; expected " + example);
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
        return new DeviceLocation(host, port, null);
    }
}
