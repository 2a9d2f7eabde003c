package dev.floorgate.templates;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** One named, typed field of a label template. Immutable. */
public final class TemplateField {
    /** Field names: a letter, then letters, digits or underscores, at most 64 characters. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    /** ZPL's own limit for one ^FD (PROTOCOLS.md 1.2), so no field may claim more characters. */
    public static final int MAX_LENGTH_LIMIT = 3072;

    private final String name;
    private final FieldType type;
    private final boolean required;
    private final int maxLength;
    private final String format;
    private final ZoneId zone;
    /** What a gateway-time field prints without {@code format=}. */
    public static final String DEFAULT_TIME_FORMAT = "yyyy-MM-dd HH:mm";

    /**
     * @param maxLength maximum length in characters, 1..3072, or 0 for the type's default
     * @param format    for {@link FieldType#DATE}: a {@link DateTimeFormatter} pattern, or null for ISO; for
     *                  {@link FieldType#GATEWAY_TIME}: a pattern, or null for {@link #DEFAULT_TIME_FORMAT}
     */
    public TemplateField(String name, FieldType type, boolean required, int maxLength, String format) {
        this(name, type, required, maxLength, format, null);
    }

    /**
     * A field; {@code zone} only for {@link FieldType#GATEWAY_TIME} (null: the rendering clock's zone). A
     * gateway-time field is never required (the caller does not give it) and its format is tried on a date-time
     * here, so a pattern it cannot print (unknown letters, a field a date-time lacks) fails at load, not at print.
     */
    public TemplateField(String name, FieldType type, boolean required, int maxLength, String format, ZoneId zone) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("field name '" + name
                    + "' must be a letter followed by letters, digits or underscores (at most 64)");
        }
        this.type = Objects.requireNonNull(type, "type");
        if (maxLength < 0 || maxLength > MAX_LENGTH_LIMIT) {
            throw new IllegalArgumentException("field '" + name + "': max length " + maxLength + " must be 1 to "
                    + MAX_LENGTH_LIMIT);
        }
        if (zone != null && type != FieldType.GATEWAY_TIME) {
            throw new IllegalArgumentException("field '" + name + "': zone applies to gateway-time fields only, not "
                    + type.keyword());
        }
        if (type == FieldType.GATEWAY_TIME) {
            String pattern = format == null ? DEFAULT_TIME_FORMAT : format;
            try {
                DateTimeFormatter.ofPattern(pattern, Locale.ROOT).format(
                        ZonedDateTime.of(2026, 12, 31, 23, 59, 58, 0, zone == null ? ZoneOffset.UTC : zone));
            } catch (IllegalArgumentException | DateTimeException e) {
                throw new IllegalArgumentException("field '" + name + "': bad gateway-time format '" + pattern
                        + "' (" + e.getMessage() + "); use a java.time DateTimeFormatter pattern such as "
                        + "dd.MM.yyyy HH:mm", e);
            }
            required = false;
        } else if (format != null) {
            if (type != FieldType.DATE) {
                throw new IllegalArgumentException("field '" + name + "': format applies to date and gateway-time "
                        + "fields only, not " + type.keyword());
            }
            try {
                DateTimeFormatter.ofPattern(format, Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field '" + name + "': bad date format '" + format + "' ("
                        + e.getMessage() + ")", e);
            }
        }
        this.name = name;
        this.required = required;
        this.maxLength = maxLength == 0 ? type.defaultMaxLength() : maxLength;
        this.format = type == FieldType.GATEWAY_TIME && format == null ? DEFAULT_TIME_FORMAT : format;
        this.zone = zone;
    }

    public TemplateField(String name, FieldType type, boolean required, int maxLength) {
        this(name, type, required, maxLength, null);
    }

    public String name() {
        return name;
    }

    public FieldType type() {
        return type;
    }

    public boolean required() {
        return required;
    }

    /** Maximum length in characters (Unicode code points) of the value as given. */
    public int maxLength() {
        return maxLength;
    }

    /** The output pattern of a date field, if it has one. */
    public Optional<String> format() {
        return Optional.ofNullable(format);
    }

    /** A gateway-time field's zone; empty: the rendering clock's (the site's). */
    public Optional<ZoneId> zone() {
        return Optional.ofNullable(zone);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TemplateField)) {
            return false;
        }
        TemplateField f = (TemplateField) o;
        return f.name.equals(name) && f.type == type && f.required == required && f.maxLength == maxLength
                && Objects.equals(f.format, format) && Objects.equals(f.zone, zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, required, maxLength, format, zone);
    }

    @Override
    public String toString() {
        return name + " " + type.keyword() + (required ? " required" : " optional") + " max=" + maxLength
                + (format == null ? "" : " format=" + format) + (zone == null ? "" : " zone=" + zone);
    }
}
