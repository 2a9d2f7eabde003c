package dev.floorgate.lan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A label template of GET /api/v1/templates[/{name}].
 * Immutable; made with {@link #builder()}. Written and read by {@link LanJson}.
 */
public final class TemplateView {
    private final String name;
    private final String description;
    private final int dpi;
    private final int widthDots;
    private final int heightDots;
    private final String source;
    private final List<TemplateFieldView> fields;
    private final Map<String, String> sampleData;

    private TemplateView(Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.dpi = b.dpi;
        this.widthDots = b.widthDots;
        this.heightDots = b.heightDots;
        this.source = b.source;
        this.fields = Copies.list(b.fields);
        this.sampleData = Copies.map(b.sampleData);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this instance's values, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.description = description;
        b.dpi = dpi;
        b.widthDots = widthDots;
        b.heightDots = heightDots;
        b.source = source;
        b.fields = fields;
        b.sampleData = sampleData;
        return b;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public int dpi() {
        return dpi;
    }

    public int widthDots() {
        return widthDots;
    }

    public int heightDots() {
        return heightDots;
    }

    public String source() {
        return source;
    }

    public List<TemplateFieldView> fields() {
        return fields;
    }

    public Map<String, String> sampleData() {
        return sampleData;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TemplateView)) {
            return false;
        }
        TemplateView that = (TemplateView) o;
        return Objects.equals(name, that.name)
                && Objects.equals(description, that.description)
                && dpi == that.dpi
                && widthDots == that.widthDots
                && heightDots == that.heightDots
                && Objects.equals(source, that.source)
                && Objects.equals(fields, that.fields)
                && Objects.equals(sampleData, that.sampleData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, description, dpi, widthDots, heightDots, source, fields, sampleData);
    }

    @Override
    public String toString() {
        return "TemplateView{" + "name=" + name
                + ", description=" + description
                + ", dpi=" + dpi
                + ", widthDots=" + widthDots
                + ", heightDots=" + heightDots
                + ", source=" + source
                + ", fields=" + fields
                + ", sampleData=" + sampleData + "}";
    }

    /** Collects the fields of a {@link TemplateView}. */
    public static final class Builder {
        private String name;
        private String description;
        private int dpi;
        private int widthDots;
        private int heightDots;
        private String source;
        private List<TemplateFieldView> fields;
        private Map<String, String> sampleData;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder dpi(int dpi) {
            this.dpi = dpi;
            return this;
        }

        public Builder widthDots(int widthDots) {
            this.widthDots = widthDots;
            return this;
        }

        public Builder heightDots(int heightDots) {
            this.heightDots = heightDots;
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder fields(List<TemplateFieldView> fields) {
            this.fields = fields;
            return this;
        }

        public Builder sampleData(Map<String, String> sampleData) {
            this.sampleData = sampleData;
            return this;
        }

        public TemplateView build() {
            return new TemplateView(this);
        }
    }
}
