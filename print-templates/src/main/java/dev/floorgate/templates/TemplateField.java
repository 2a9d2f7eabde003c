package dev.floorgate.templates;

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

    /**
     * @param maxLength maximum length in characters, 1..3072, or 0 for the type's default
     * @param format    for {@link FieldType#DATE} only: a {@link DateTimeFormatter} pattern, or null for ISO
     */
    public TemplateField(String name, FieldType type, boolean required, int maxLength, String format) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("field name '" + name
                    + "' must be a letter followed by letters, digits or underscores (at most 64)");
        }
        this.type = Objects.requireNonNull(type, "type");
        if (maxLength < 0 || maxLength > MAX_LENGTH_LIMIT) {
            throw new IllegalArgumentException("field '" + name + "': max length " + maxLength + " must be 1 to "
                    + MAX_LENGTH_LIMIT);
        }
        if (format != null) {
            if (type != FieldType.DATE) {
                throw new IllegalArgumentException("field '" + name + "': format applies to date fields only, not "
                        + type.keyword());
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
        this.format = format;
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

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TemplateField)) {
            return false;
        }
        TemplateField f = (TemplateField) o;
        return f.name.equals(name) && f.type == type && f.required == required && f.maxLength == maxLength
                && Objects.equals(f.format, format);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, required, maxLength, format);
    }

    @Override
    public String toString() {
        return name + " " + type.keyword() + (required ? " required" : " optional") + " max=" + maxLength
                + (format == null ? "" : " format=" + format);
    }
}
