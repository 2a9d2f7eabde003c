package dev.floorgate.templates;

import dev.floorgate.templates.internal.TemplateDefinition;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
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
        return render(data, copies, null);
    }

    /**
     * Renders with the {@link FieldType#GATEWAY_TIME} fields filled from {@code clock} (the gateway's corrected
     * core time; its zone is the default zone of those fields).
     *
     * @throws IllegalStateException when the template has a gateway-time field and {@code clock} is null
     * @throws IllegalArgumentException for bad data, also for a value given for a gateway-time field
     */
    public RenderedLabel render(Map<String, String> data, int copies, Clock clock) {
        Map<String, String> times = gatewayTimeValues(clock);
        Map<String, String> all = data;
        if (!times.isEmpty()) {
            all = new HashMap<>(data == null ? Map.of() : data);
            for (Map.Entry<String, String> t : times.entrySet()) {
                String given = all.get(t.getKey());
                if (given != null && !given.isEmpty()) {
                    throw new IllegalArgumentException("template '" + name() + "': field '" + t.getKey()
                            + "' (gateway-time) is the gateway's time when the label is rendered; it takes no value");
                }
                all.put(t.getKey(), t.getValue());
            }
        }
        return new RenderedLabel(name(), definition.compiled().render(all, copies), copies);
    }

    /**
     * What each {@link FieldType#GATEWAY_TIME} field prints at {@code clock}'s instant (empty map for a template
     * without one); a preview cache keys on these with the data, so a cached preview never shows a stale time.
     *
     * @throws IllegalStateException naming the field when the template has one and {@code clock} is null
     */
    public Map<String, String> gatewayTimeValues(Clock clock) {
        Map<String, String> out = new LinkedHashMap<>();
        for (TemplateField f : fields()) {
            if (f.type() != FieldType.GATEWAY_TIME) {
                continue;
            }
            if (clock == null) {
                throw new IllegalStateException("template '" + name() + "': field '" + f.name() + "' prints the "
                        + "gateway's time (gateway-time) but the label was rendered without a clock");
            }
            ZonedDateTime at = clock.instant().atZone(f.zone().orElse(clock.getZone()));
            out.put(f.name(), DateTimeFormatter.ofPattern(f.format().orElse(TemplateField.DEFAULT_TIME_FORMAT),
                    Locale.ROOT).format(at));
        }
        return out;
    }

    /** Preview of the label for {@code data}, where fields not given take their sample value. */
    public PreviewResult preview(Map<String, String> data) {
        return preview(data, null);
    }

    /** As {@link #preview(Map)}, gateway-time fields at {@code clock}'s instant (null: IllegalStateException). */
    public PreviewResult preview(Map<String, String> data, Clock clock) {
        Map<String, String> merged = new HashMap<>(sampleData());
        if (data != null) {
            data.forEach((k, v) -> {
                if (v != null && !v.isEmpty()) {
                    merged.put(k, v);
                }
            });
        }
        return ZplPreview.render(render(merged, 1, clock).zpl(), dpi(), widthDots(), heightDots());
    }

    @Override
    public String toString() {
        return "LabelTemplate[" + name() + ", " + widthDots() + "x" + heightDots() + " dots at " + dpi() + " dpi, "
                + fields().size() + " fields, " + source() + "]";
    }
}
