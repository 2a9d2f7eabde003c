package dev.floorgate.templates;

import dev.floorgate.templates.internal.TemplateDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A label template: one ZPL label format with named, typed fields, and its metadata. Rendering checks every
 * value, writes it {@code ^FH}-escaped for its field's symbology, sets {@code ^CI28} and {@code ^PQ}, and
 * returns exactly one {@code ^XA...^XZ} format, so no value can become a printer command. Immutable and
 * thread-safe. Obtain templates from a {@link TemplateCatalog}.
 */
public final class LabelTemplate {
    private final TemplateDefinition definition;

    LabelTemplate(TemplateDefinition definition) {
        this.definition = definition;
    }

    public String name() {
        return definition.name();
    }

    public String description() {
        return definition.description();
    }

    /** The head resolution the template's coordinates are in. */
    public int dpi() {
        return definition.dpi();
    }

    public int widthDots() {
        return definition.widthDots();
    }

    public int heightDots() {
        return definition.heightDots();
    }

    public List<TemplateField> fields() {
        return definition.fields();
    }

    public Optional<TemplateField> field(String name) {
        for (TemplateField f : definition.fields()) {
            if (f.name().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Example values, one per required field at least; they render and preview. */
    public Map<String, String> sampleData() {
        return definition.sampleData();
    }

    /** {@code builtin:NAME} or the path of the site template file. */
    public String source() {
        return definition.source();
    }

    /**
     * The label for {@code data} (field name to value; other keys are ignored; null or empty means not given).
     *
     * @param copies 1 to 99,999,999, written as {@code ^PQ}
     * @throws IllegalArgumentException naming the template and the field when a required field is missing or a
     *                                  value is invalid, or when copies is out of range
     */
    public RenderedLabel render(Map<String, String> data, int copies) {
        return new RenderedLabel(name(), definition.compiled().render(data, copies), copies);
    }

    /** Preview of the label for {@code data}, where fields not given take their sample value. */
    public PreviewResult preview(Map<String, String> data) {
        Map<String, String> merged = new HashMap<>(sampleData());
        if (data != null) {
            data.forEach((k, v) -> {
                if (v != null && !v.isEmpty()) {
                    merged.put(k, v);
                }
            });
        }
        return ZplPreview.render(render(merged, 1).zpl(), dpi(), widthDots(), heightDots());
    }

    @Override
    public String toString() {
        return "LabelTemplate[" + name() + ", " + widthDots() + "x" + heightDots() + " dots at " + dpi() + " dpi, "
                + fields().size() + " fields, " + source() + "]";
    }
}
