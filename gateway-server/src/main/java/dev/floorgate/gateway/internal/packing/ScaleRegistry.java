package dev.floorgate.gateway.internal.packing;

import dev.floorgate.devices.DeviceUrl;
import dev.floorgate.devices.ScaleDriver;
import dev.floorgate.devices.ScaleOptions;
import dev.floorgate.devices.ScaleReading;
import dev.floorgate.devices.ScaleState;
import dev.floorgate.gateway.GatewayConfigurationException;
import dev.floorgate.gateway.internal.devices.ScaleConfiguration;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packing stations' scales, {@code fg.scales.<name>.url}: every URL and its options are checked when the
 * registry is built (a bad one stops the start naming the key, as for printers and scanners); the drivers are
 * opened by {@link #start} and closed by {@link #close}, both from GatewayLifecycle. A scale that is off or
 * unplugged does not stop the gateway: its driver reconnects in the background and a reading says
 * NOT_ANSWERING or DISCONNECTED.
 */
public final class ScaleRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScaleRegistry.class);

    private record Planned(String name, DeviceUrl url, ScaleOptions options) {
    }

    private final Map<String, Planned> planned = new LinkedHashMap<>();
    private final Map<String, ScaleDriver> drivers = new LinkedHashMap<>();

    public ScaleRegistry(List<ScaleConfiguration> configs) {
        for (ScaleConfiguration c : configs) {
            c.requireValidName();
            DeviceUrl url = c.deviceUrl();
            try {
                planned.put(c.getName(), new Planned(c.getName(), url, ScaleOptions.fromUrl(url)));
            } catch (IllegalArgumentException e) {
                throw new GatewayConfigurationException(c.urlKey() + ": " + e.getMessage(), e);
            }
            if (url.kind() == DeviceUrl.Kind.TCP_LISTEN) {
                throw new GatewayConfigurationException(c.urlKey() + ": a scale is dialed (tcp://host:port or "
                        + "serial:///dev/ttyX), not tcp-listen");
            }
        }
    }

    /** Opens every scale's driver (they connect in the background). */
    public synchronized void start() {
        for (Planned p : planned.values()) {
            drivers.put(p.name(), ScaleDriver.open(p.name(), p.url(), p.options(), r -> { },
                    e -> LOG.info("scale {}: {}", p.name(), e)));
        }
        if (!planned.isEmpty()) {
            LOG.info("scales opened: {}", planned.keySet());
        }
    }

    public synchronized List<String> names() {
        return List.copyOf(planned.keySet());
    }

    /** Whether the scale's link is up now; false for an unknown or unopened one. */
    public synchronized boolean connected(String name) {
        ScaleDriver d = drivers.get(name);
        return d != null && d.connected();
    }

    /**
     * A stable reading of {@code name} within {@code bound}, or the reading whose state says why there is none;
     * null when no such scale is configured.
     */
    public ScaleReading readStable(String name, Duration bound) throws InterruptedException {
        ScaleDriver d;
        synchronized (this) {
            if (!planned.containsKey(name)) {
                return null;
            }
            d = drivers.get(name);
        }
        if (d == null) {
            return ScaleReading.without(name, ScaleState.DISCONNECTED, "not opened yet", new byte[0],
                    java.time.Instant.now());
        }
        return d.readStable(bound);
    }

    /** A stable reading in whole grams (rounded up, as a carrier bills); throws for a reading without a weight. */
    public static long grams(ScaleReading r) {
        BigDecimal w = r.weight();
        BigDecimal g = switch (r.unit()) {
            case G -> w;
            case KG -> w.movePointRight(3);
            case LB -> w.multiply(new BigDecimal("453.59237"));
            case OZ -> w.multiply(new BigDecimal("28.349523125"));
        };
        return g.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** What a state means for the packer, in words. */
    public static String explain(ScaleReading r) {
        return switch (r.state()) {
            case STABLE -> "stable";
            case UNSTABLE -> "the weight is still moving; keep the carton still";
            case OVERLOAD -> "over the scale's capacity";
            case UNDERLOAD -> "below zero; zero the scale";
            case REFUSED -> "the scale refused the command" + (r.detail() == null ? "" : ": " + r.detail());
            case NOT_ANSWERING -> "the scale sends nothing; check it is on and in the right mode";
            case DISCONNECTED -> "the scale is not connected";
            case GARBAGE -> "the scale sends what is not a weight; check its protocol and baud rate";
        };
    }

    @Override
    public synchronized void close() {
        for (ScaleDriver d : drivers.values()) {
            d.close();
        }
        drivers.clear();
    }
}
