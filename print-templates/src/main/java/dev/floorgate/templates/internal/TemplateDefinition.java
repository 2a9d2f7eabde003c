package dev.floorgate.templates.internal;

import dev.floorgate.templates.TemplateField;
import java.util.List;
import java.util.Map;

/** Everything a template file declares, checked and compiled. Immutable. */
public final class TemplateDefinition {
    private final String name;
    private final String description;
    private final int dpi;
    private final int widthDots;
    private final int heightDots;
    private final List<TemplateField> fields;
    private final Map<String, String> sampleData;
    private final CompiledTemplate compiled;
    private final String source;

    TemplateDefinition(String name, String description, int dpi, int widthDots, int heightDots,
            List<TemplateField> fields, Map<String, String> sampleData, CompiledTemplate compiled, String source) {
        this.name = name;
        this.description = description;
        this.dpi = dpi;
        this.widthDots = widthDots;
        this.heightDots = heightDots;
        this.fields = List.copyOf(fields);
        this.sampleData = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sampleData));
        this.compiled = compiled;
        this.source = source;
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

    public List<TemplateField> fields() {
        return fields;
    }

    public Map<String, String> sampleData() {
        return sampleData;
    }

    public CompiledTemplate compiled() {
        return compiled;
    }

    /** {@code builtin:name} or the file path. */
    public String source() {
        return source;
    }
}
