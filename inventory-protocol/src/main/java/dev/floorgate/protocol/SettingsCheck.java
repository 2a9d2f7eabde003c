package dev.floorgate.protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the raw text of the settings a service starts with, before anything is bound or opened (issue 18 item 5:
 * a bad value stops the start with one line, never at the first request). Shared by the gateway and the core, which
 * each list every key they read; the values come as text from their configuration (file or environment), so a
 * value that is not even a number is refused here with the same kind of line as one out of range.
 *
 * <p>Each check returns this object for the next one and throws {@link IllegalArgumentException} at the first bad
 * value with one line: {@code <key>: <what is wrong>, was '<value>'; fix: set <ENV> (<key>) to <what to set>}.
 * Secrets are never printed, only their length. An unset key is fine (its default applies) unless it is required.
 * Durations are read the way Micronaut binds them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 24h}, {@code 7d},
 * or ISO-8601 ({@code PT30S}, {@code P7D}).
 */
public final class SettingsCheck {
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,12})\\s*(ns|ms|s|m|h|d)");
    private final Function<String, String> raw;

    /** @param raw a setting's text as configured, or null when it is not set */
    public SettingsCheck(Function<String, String> raw) {
        this.raw = raw;
    }

    /** The environment variable that sets {@code key}: {@code fg.core.batch-size} = {@code FG_CORE_BATCH_SIZE}. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The text of {@code key}, trimmed; null when unset. */
    public String value(String key) {
        String v = raw.apply(key);
        return v == null ? null : v.trim();
    }

    /** A whole number in {@code min..max}. */
    public SettingsCheck integer(String key, long min, long max, String fix) {
        String v = value(key);
        if (v != null && !inRange(v, min, max)) {
            throw refused(key, max == Long.MAX_VALUE ? "must be a whole number, at least " + min
                    : "must be a whole number " + min + ".." + max, v, fix);
        }
        return this;
    }

    /** A TCP port, 1..65535 ({@code allowZero}: 0 too, a free port chosen at start). */
    public SettingsCheck port(String key, boolean allowZero, String fix) {
        return integer(key, allowZero ? 0 : 1, 65535, fix);
    }

    /** A number (decimals allowed) in {@code min..max}. */
    public SettingsCheck decimal(String key, double min, double max, String fix) {
        String v = value(key);
        if (v != null) {
            double d;
            try {
                d = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                d = Double.NaN;
            }
            if (Double.isNaN(d) || d < min || d > max) {
                throw refused(key, "must be a number " + min + ".." + max, v, fix);
            }
        }
        return this;
    }

    /** A duration in {@code min..max} (max null = no upper bound). */
    public SettingsCheck duration(String key, Duration min, Duration max, String fix) {
        String v = value(key);
        if (v == null) {
            return this;
        }
        Duration d = parseDuration(v);
        if (d == null) {
            throw refused(key, "is not a duration (like 500ms, 30s, 5m, 24h, 7d or PT30S)", v, fix);
        }
        if (d.compareTo(min) < 0 || (max != null && d.compareTo(max) > 0)) {
            throw refused(key, "must be " + (max == null ? "at least " + describe(min)
                    : describe(min) + ".." + describe(max)), v, fix);
        }
        return this;
    }

    /** true or false. */
    public SettingsCheck bool(String key) {
        String v = value(key);
        if (v != null && !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw refused(key, "must be true or false", v, "true or false");
        }
        return this;
    }

    /** One of the given words (case-insensitive). */
    public SettingsCheck oneOf(String key, Collection<String> allowed) {
        String v = value(key);
        if (v != null) {
            for (String a : allowed) {
                if (a.equalsIgnoreCase(v)) {
                    return this;
                }
            }
            throw refused(key, "must be one of " + String.join(", ", allowed), v, "one of " + String.join(", ", allowed));
        }
        return this;
    }

    /** Text matching {@code pattern} ({@code what} says in words what that is). */
    public SettingsCheck matches(String key, Pattern pattern, String what, String fix) {
        String v = value(key);
        if (v != null && !pattern.matcher(v).matches()) {
            throw refused(key, "must be " + what, v, fix);
        }
        return this;
    }

    /**
     * A URI (or a comma-separated list of them when {@code list}) with one of the schemes and, for network schemes,
     * a host. {@code secretBearing}: the value may hold a password, so it is not printed.
     */
    public SettingsCheck uri(String key, Collection<String> schemes, boolean list, boolean secretBearing, String fix) {
        String v = value(key);
        if (v == null || v.isEmpty()) {
            return this;
        }
        for (String part : list ? v.split(",") : new String[] {v}) {
            String problem = uriProblem(part.trim(), schemes);
            if (problem != null) {
                throw refused(key, problem, secretBearing ? null : v, fix);
            }
        }
        return this;
    }

    /** A JDBC URL of one of the drivers ({@code jdbc:mariadb://host:port/db?...}). */
    public SettingsCheck jdbcUrl(String key, Collection<String> drivers, String fix) {
        String v = value(key);
        if (v == null) {
            return this;
        }
        String problem = v.startsWith("jdbc:") ? uriProblem(v.substring("jdbc:".length()), drivers) : "";
        if (problem != null) {
            throw refused(key, problem.startsWith("must start with") || problem.isEmpty()
                    ? "must start with jdbc:" + String.join("://, jdbc:", drivers) + "://" : problem, v, fix);
        }
        return this;
    }

    /** A secret of at least {@code minLength} characters when set; the value is never printed. */
    public SettingsCheck secret(String key, int minLength, String fix) {
        String v = value(key);
        if (v != null && !v.isEmpty() && v.length() < minLength) {
            throw new IllegalArgumentException(key + ": must be at least " + minLength + " characters, was "
                    + v.length() + "; fix: set " + envName(key) + " (" + key + ") to " + fix);
        }
        return this;
    }

    /** A directory that exists or can be made, and that this process can write into. */
    public SettingsCheck writableDirectory(String key, String fix) {
        String v = value(key);
        if (v == null) {
            return this;
        }
        if (v.isEmpty()) {
            throw refused(key, "must name a directory", v, fix);
        }
        Path dir;
        try {
            dir = Paths.get(v).toAbsolutePath();
        } catch (RuntimeException e) {
            throw refused(key, "is not a path", v, fix);
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw refused(key, "is a file, not a directory", v, fix);
        }
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw refused(key, "is not writable by this user" + (existing == null || existing.equals(dir) ? ""
                    : " (" + existing + " cannot hold a new directory)"), v, fix);
        }
        return this;
    }

    /** A rule of the caller's: {@code problem} returns what is wrong with the (set) value, or null. */
    public SettingsCheck check(String key, Function<String, String> problem, String fix) {
        String v = value(key);
        if (v != null) {
            String p = problem.apply(v);
            if (p != null) {
                throw refused(key, p, v, fix);
            }
        }
        return this;
    }

    /** The one line of a refused value; {@code value} null = not printed (it may hold a secret). */
    public static IllegalArgumentException refused(String key, String problem, String value, String fix) {
        return new IllegalArgumentException(key + ": " + problem + (value == null ? "" : ", was '" + shorten(value)
                + "'") + "; fix: set " + envName(key) + " (" + key + ") to " + fix);
    }

    /** A duration as Micronaut reads it, or null when it is none. */
    public static Duration parseDuration(String text) {
        Matcher m = SIMPLE_DURATION.matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ns":
                    return Duration.ofNanos(n);
                case "ms":
                    return Duration.ofMillis(n);
                case "s":
                    return Duration.ofSeconds(n);
                case "m":
                    return Duration.ofMinutes(n);
                case "h":
                    return Duration.ofHours(n);
                default:
                    return Duration.ofDays(n);
            }
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean inRange(String v, long min, long max) {
        try {
            long n = Long.parseLong(v);
            return n >= min && n <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String uriProblem(String text, Collection<String> schemes) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return "is not a URI (" + e.getReason() + ")";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            return "must start with " + String.join("://, ", schemes) + "://";
        }
        if (scheme.equals("serial")) {
            return uri.getPath() == null || uri.getPath().isEmpty() ? "has no device path" : null;
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "has no host name";
        }
        if (uri.getPort() > 65535) {
            return "has a port above 65535";
        }
        return null;
    }

    private static String describe(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0) {
            return ms / 60_000L + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static String shorten(String v) {
        String oneLine = v.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
    }
}
