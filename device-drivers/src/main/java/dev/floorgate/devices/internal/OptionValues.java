package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceUrl;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads typed option values from a {@link DeviceUrl}'s query, with errors that name the url, the option and
 * the accepted form. Durations are written {@code 250ms}, {@code 2s}, {@code 1m} or as plain milliseconds.
 */
public final class OptionValues {

    private final DeviceUrl url;

    public OptionValues(DeviceUrl url) {
        this.url = url;
    }

    /**
     * Rejects options neither the caller nor the URL's transport knows (a serial port's line settings, for
     * example), listing the known ones.
     */
    public void requireKnown(Set<String> driverOptions) {
        Set<String> known = new TreeSet<>(driverOptions);
        known.addAll(TransportTypes.of(url).optionNames());
        for (String name : url.options().keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("invalid device url '" + url + "': unknown option '" + name
                        + "'; known options: " + String.join(", ", known));
            }
        }
    }

    public Duration duration(String name, Duration defaultValue) {
        String text = url.options().get(name);
        return text == null ? defaultValue : parseDuration(text, name, url.toString());
    }

    public int integer(String name, int defaultValue, int min, int max) {
        String text = url.options().get(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                throw bad(name, text, "a number from " + min + " to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw bad(name, text, "a number from " + min + " to " + max);
        }
    }

    public boolean flag(String name, boolean defaultValue) {
        String text = url.options().get(name);
        if (text == null) {
            return defaultValue;
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on": case "1":
                return true;
            case "false": case "no": case "off": case "0":
                return false;
            default:
                throw bad(name, text, "true or false");
        }
    }

    public String text(String name, String defaultValue) {
        return url.options().getOrDefault(name, defaultValue);
    }

    public <E extends Enum<E>> E choice(String name, Class<E> type, E defaultValue) {
        String text = url.options().get(name);
        return text == null ? defaultValue : parseChoice(text, type, "option '" + name + "' of device url '" + url + "'");
    }

    /** Parses an enum constant case-insensitively, accepting '-' for '_'. */
    public static <E extends Enum<E>> E parseChoice(String text, Class<E> type, String what) {
        String wanted = text.trim().replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        StringBuilder known = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            known.append(known.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException(what + ": '" + text + "' is not one of " + known);
    }

    /** Parses {@code 250ms}, {@code 2s}, {@code 1m} or plain milliseconds. */
    public static Duration parseDuration(String text, String name, String where) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return positive(Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim())), text, name, where);
            }
            if (t.endsWith("s")) {
                return positive(Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 1000)),
                        text, name, where);
            }
            if (t.endsWith("m")) {
                return positive(Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).trim()) * 60), text, name, where);
            }
            return positive(Duration.ofMillis(Long.parseLong(t)), text, name, where);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + name + "' of " + where + ": '" + text
                    + "' is not a duration (write 250ms, 2s, 1m or plain milliseconds)", e);
        }
    }

    private static Duration positive(Duration d, String text, String name, String where) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("option '" + name + "' of " + where + ": '" + text + "' is negative");
        }
        return d;
    }

    private IllegalArgumentException bad(String name, String text, String expected) {
        return new IllegalArgumentException("invalid device url '" + url + "': option '" + name + "' is '" + text
                + "', expected " + expected);
    }

    /** {@code d}, when positive; otherwise IllegalArgumentException naming the option and the value. */
    public static Duration positive(Duration d, String name) {
        java.util.Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }

    /** {@code d}, when zero or positive (zero turns the feature off); otherwise IllegalArgumentException. */
    public static Duration notNegative(Duration d, String name) {
        java.util.Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + d);
        }
        return d;
    }

    /** {@code value}, when at least {@code min}; otherwise IllegalArgumentException naming the option and both numbers. */
    public static int atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    /** Checks a reconnect backoff: both bounds positive and max not below min. */
    public static void checkBackoff(Duration min, Duration max) {
        positive(min, "reconnect backoff min");
        positive(max, "reconnect backoff max");
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("reconnect backoff max " + max.toMillis() + "ms is below min "
                    + min.toMillis() + "ms");
        }
    }
}
