package dev.floorgate.devices;

import java.util.Objects;

/**
 * Who a printer says it is: its {@code ~HI} reply ({@code model,firmware,dots-per-mm,memory,options}) plus
 * the SGD variables {@code appl.name} and {@code device.friendly_name}. Fields the printer did not give are
 * empty strings (or 0 for numbers). Immutable.
 */
public final class PrinterIdentity {

    private final String model;
    private final String firmware;
    private final int dotsPerMm;
    private final String memory;
    private final String options;
    private final String applName;
    private final String friendlyName;
    private final String raw;

    public PrinterIdentity(String model, String firmware, int dotsPerMm, String memory, String options,
                           String applName, String friendlyName, String raw) {
        this.model = Objects.requireNonNull(model, "model");
        this.firmware = Objects.requireNonNull(firmware, "firmware");
        this.dotsPerMm = dotsPerMm;
        this.memory = Objects.requireNonNull(memory, "memory");
        this.options = Objects.requireNonNull(options, "options");
        this.applName = Objects.requireNonNull(applName, "applName");
        this.friendlyName = Objects.requireNonNull(friendlyName, "friendlyName");
        this.raw = Objects.requireNonNull(raw, "raw");
    }

    public String model() {
        return model;
    }

    public String firmware() {
        return firmware;
    }

    /** 6, 8, 12 or 24; 0 when unknown. */
    public int dotsPerMm() {
        return dotsPerMm;
    }

    /** Dots per inch derived from {@link #dotsPerMm()}: 152, 203, 300 or 600 (0 when unknown). */
    public int dpi() {
        switch (dotsPerMm) {
            case 6: return 152;
            case 8: return 203;
            case 12: return 300;
            case 24: return 600;
            default: return (int) Math.round(dotsPerMm * 25.4);
        }
    }

    /** As reported, e.g. {@code "8176KB"}. */
    public String memory() {
        return memory;
    }

    /** The options field of {@code ~HI}, often empty. */
    public String options() {
        return options;
    }

    /** SGD {@code appl.name}: the firmware version. */
    public String applName() {
        return applName;
    }

    /** SGD {@code device.friendly_name}. */
    public String friendlyName() {
        return friendlyName;
    }

    /** The {@code ~HI} reply text without STX/ETX. */
    public String raw() {
        return raw;
    }

    @Override
    public String toString() {
        return "PrinterIdentity{" + model + ", firmware " + firmware + ", " + dpi() + " dpi, " + memory
                + ", name '" + friendlyName + "'}";
    }
}
