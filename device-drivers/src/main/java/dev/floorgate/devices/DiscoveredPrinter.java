package dev.floorgate.devices;

import java.util.Objects;

/**
 * A printer found by {@link PrinterDiscovery}: enough to register it as {@code tcp://address:port}. Fields the
 * printer did not give are empty strings. Immutable.
 */
public final class DiscoveredPrinter {

    /** How the printer was found. */
    public enum Source { UDP_DISCOVERY, TCP_PROBE }

    private final String address;
    private final String model;
    private final String serial;
    private final String name;
    private final int port;
    private final Source source;

    public DiscoveredPrinter(String address, String model, String serial, String name, int port, Source source) {
        this.address = Objects.requireNonNull(address, "address");
        this.model = Objects.requireNonNull(model, "model");
        this.serial = Objects.requireNonNull(serial, "serial");
        this.name = Objects.requireNonNull(name, "name");
        this.port = port;
        this.source = Objects.requireNonNull(source, "source");
    }

    /** IPv4 address as text. */
    public String address() {
        return address;
    }

    public String model() {
        return model;
    }

    /** Serial number; empty when found by the TCP probe. */
    public String serial() {
        return serial;
    }

    /** System or friendly name. */
    public String name() {
        return name;
    }

    /** The raw print port to use. */
    public int port() {
        return port;
    }

    public Source source() {
        return source;
    }

    /** {@code tcp://address:port}, ready for a printer's configuration. */
    public String url() {
        return "tcp://" + address + ":" + port;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DiscoveredPrinter)) {
            return false;
        }
        DiscoveredPrinter p = (DiscoveredPrinter) o;
        return address.equals(p.address) && port == p.port && model.equals(p.model) && serial.equals(p.serial)
                && name.equals(p.name) && source == p.source;
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, port, model, serial, name, source);
    }

    @Override
    public String toString() {
        return "DiscoveredPrinter{" + url() + ", model '" + model + "', serial '" + serial + "', name '" + name
                + "', via " + source + "}";
    }
}
