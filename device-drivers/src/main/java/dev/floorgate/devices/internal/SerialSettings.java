package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceUrl;
import java.util.Locale;
import java.util.Set;
import jssc.SerialPort;

/**
 * Line settings of a serial port, from the URL options {@code baud} (default 9600), {@code dataBits} (8),
 * {@code stopBits} (1, 1.5 or 2) and {@code parity} (none, odd, even, mark, space): the Zebra/Symbol RS-232
 * default 9600 8N1 (PROTOCOLS.md 6.1).
 */
public final class SerialSettings {

    /** The URL options read here. */
    public static final Set<String> OPTIONS = Set.of("baud", "dataBits", "stopBits", "parity");

    private final int baud;
    private final int dataBits;
    private final int stopBits;
    private final int parity;
    private final String text;

    private SerialSettings(int baud, int dataBits, int stopBits, int parity, String text) {
        this.baud = baud;
        this.dataBits = dataBits;
        this.stopBits = stopBits;
        this.parity = parity;
        this.text = text;
    }

    /** @throws IllegalArgumentException naming the URL, the option and the accepted values */
    public static SerialSettings fromUrl(DeviceUrl url) {
        OptionValues v = new OptionValues(url);
        int baud = v.integer("baud", 9600, 50, 4_000_000);
        int dataBits = v.integer("dataBits", 8, 5, 8);
        String stop = v.text("stopBits", "1").trim();
        int stopBits;
        switch (stop) {
            case "1": stopBits = SerialPort.STOPBITS_1; break;
            case "1.5": stopBits = SerialPort.STOPBITS_1_5; break;
            case "2": stopBits = SerialPort.STOPBITS_2; break;
            default:
                throw new IllegalArgumentException("invalid device url '" + url + "': option 'stopBits' is '" + stop
                        + "', expected 1, 1.5 or 2");
        }
        String parityText = v.text("parity", "none").trim().toLowerCase(Locale.ROOT);
        int parity;
        switch (parityText) {
            case "none": case "n": parity = SerialPort.PARITY_NONE; break;
            case "odd": case "o": parity = SerialPort.PARITY_ODD; break;
            case "even": case "e": parity = SerialPort.PARITY_EVEN; break;
            case "mark": case "m": parity = SerialPort.PARITY_MARK; break;
            case "space": case "s": parity = SerialPort.PARITY_SPACE; break;
            default:
                throw new IllegalArgumentException("invalid device url '" + url + "': option 'parity' is '" + parityText
                        + "', expected none, odd, even, mark or space");
        }
        return new SerialSettings(baud, dataBits, stopBits, parity,
                baud + " " + dataBits + Character.toUpperCase(parityText.charAt(0)) + stop);
    }

    public int baud() {
        return baud;
    }

    public int dataBits() {
        return dataBits;
    }

    /** A jssc STOPBITS_ constant. */
    public int stopBits() {
        return stopBits;
    }

    /** A jssc PARITY_ constant. */
    public int parity() {
        return parity;
    }

    /** For example {@code 9600 8N1}. */
    @Override
    public String toString() {
        return text;
    }
}
