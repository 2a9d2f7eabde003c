package dev.floorgate.lan;

import java.util.Objects;

/**
 * One field of a label template.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class TemplateFieldView {
    private final String name;
    private final String type;
    private final boolean required;
    private final int maxLength;
    private final String format;

    public TemplateFieldView(String name, String type, boolean required, int maxLength, String format) {
        this.name = name;
        this.type = type;
        this.required = required;
        this.maxLength = maxLength;
        this.format = format;
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    public boolean required() {
        return required;
    }

    public int maxLength() {
        return maxLength;
    }

    public String format() {
        return format;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TemplateFieldView)) {
            return false;
        }
        TemplateFieldView that = (TemplateFieldView) o;
        return Objects.equals(name, that.name)
                && Objects.equals(type, that.type)
                && required == that.required
                && maxLength == that.maxLength
                && Objects.equals(format, that.format);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, required, maxLength, format);
    }

    @Override
    public String toString() {
        return "TemplateFieldView{" + "name=" + name
                + ", type=" + type
                + ", required=" + required
                + ", maxLength=" + maxLength
                + ", format=" + format + "}";
    }
}
