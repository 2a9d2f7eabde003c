package dev.floorgate.templates.internal;

import dev.floorgate.barcodes.Gs1Element;
import dev.floorgate.barcodes.Gs1Encoder;
import dev.floorgate.templates.TemplateField;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A template turned into parts: literal ZPL copied as written, slots where field values go, and the
 * {@code ^PQ} copies. Rendering checks every value first, then drops the fields whose placeholders are all
 * empty (an optional barcode with no data prints nothing, rather than an empty symbol), then writes the parts.
 * Immutable and thread-safe.
 */
public final class CompiledTemplate {
    /** ZPL's own range for {@code ^PQ} quantity. */
    public static final int MAX_COPIES = 99_999_999;
    private static final DateTimeFormatter GS1_DATE = DateTimeFormatter.ofPattern("yyMMdd");

    /** One piece of output; {@code chunk} is the droppable field it belongs to, or -1. */
    abstract static class Part {
        int chunk;

        Part(int chunk) {
            this.chunk = chunk;
        }

        abstract void emit(Map<String, FieldValues.Value> values, int copies, StringBuilder out);
    }

    static final class Literal extends Part {
        final String text;

        Literal(String text, int chunk) {
            super(chunk);
            this.text = text;
        }

        @Override
        void emit(Map<String, FieldValues.Value> values, int copies, StringBuilder out) {
            out.append(text);
        }
    }

    static final class Copies extends Part {
        /** What followed the quantity in the template's own ^PQ (",0,1,Y"), or empty. */
        final String rest;

        Copies(String rest) {
            super(-1);
            this.rest = rest;
        }

        @Override
        void emit(Map<String, FieldValues.Value> values, int copies, StringBuilder out) {
            out.append("^PQ").append(copies).append(rest);
        }
    }

    final class Slot extends Part {
        final Placeholder placeholder;
        final FieldContext context;
        final char indicator;
        final char dataMatrixEscape;

        Slot(Placeholder placeholder, FieldContext context, char indicator, char dataMatrixEscape, int chunk) {
            super(chunk);
            this.placeholder = placeholder;
            this.context = context;
            this.indicator = indicator;
            this.dataMatrixEscape = dataMatrixEscape;
        }

        @Override
        void emit(Map<String, FieldValues.Value> values, int copies, StringBuilder out) {
            if (placeholder.kind == Placeholder.Kind.FIELD) {
                String name = placeholder.fields.get(0);
                FieldEncoder.append(out, fieldsByName.get(name), values.get(name), context, indicator,
                        dataMatrixEscape);
                return;
            }
            List<Gs1Element> elements = gs1Elements(placeholder, values);
            if (elements.isEmpty()) {
                throw new IllegalArgumentException(placeholder + " has no data: fields "
                        + String.join(", ", placeholder.fields) + " are all empty");
            }
            if (placeholder.kind == Placeholder.Kind.GS1) {
                String data;
                try {
                    data = Gs1Encoder.zplGs1128FieldData(elements);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("fields " + String.join(", ", placeholder.fields)
                            + " do not fit one GS1-128 barcode: " + e.getMessage(), e);
                }
                FieldEncoder.appendGs1128(out, data, indicator);
            } else {
                FieldEncoder.appendEscaped(out, Gs1Encoder.humanReadable(elements), indicator);
            }
        }
    }

    private final String name;
    private final List<TemplateField> fields;
    private final Map<String, TemplateField> fieldsByName;
    private final List<Part> parts = new ArrayList<>();
    private final List<Set<String>> chunkFields = new ArrayList<>();

    CompiledTemplate(String name, List<TemplateField> fields) {
        this.name = name;
        this.fields = List.copyOf(fields);
        Map<String, TemplateField> map = new LinkedHashMap<>();
        for (TemplateField f : fields) {
            map.put(f.name(), f);
        }
        this.fieldsByName = Collections.unmodifiableMap(map);
    }

    // Building, used by TemplateCompiler only while the template is not yet published.

    void addLiteral(String text) {
        if (!text.isEmpty()) {
            parts.add(new Literal(text, -1));
        }
    }

    void addSlot(Placeholder p, FieldContext context, char indicator, char dataMatrixEscape) {
        parts.add(new Slot(p, context, indicator, dataMatrixEscape, -1));
    }

    TemplateField field(String name) {
        return fieldsByName.get(name);
    }

    void addCopies(String rest) {
        parts.add(new Copies(rest));
    }

    int partCount() {
        return parts.size();
    }

    /** Makes parts {@code from..to-1} one field that is left out when all {@code referencedFields} are empty. */
    void markDroppable(int from, int to, Set<String> referencedFields) {
        chunkFields.add(Set.copyOf(referencedFields));
        for (int i = from; i < to; i++) {
            parts.get(i).chunk = chunkFields.size() - 1;
        }
    }

    public String name() {
        return name;
    }

    public List<TemplateField> fields() {
        return fields;
    }

    /**
     * The label for {@code data}. IllegalArgumentException starting with {@code template 'name': field 'x'}
     * when a required field is missing or a value is bad; keys that are not fields are ignored.
     */
    public String render(Map<String, String> data, int copies) {
        if (copies < 1 || copies > MAX_COPIES) {
            throw new IllegalArgumentException("template '" + name + "': copies " + copies + " must be 1 to "
                    + MAX_COPIES);
        }
        Map<String, FieldValues.Value> values = new HashMap<>();
        try {
            for (TemplateField f : fields) {
                String raw = data == null ? null : data.get(f.name());
                if (raw == null || raw.isEmpty()) {
                    if (f.required()) {
                        throw new IllegalArgumentException("field '" + f.name() + "' (" + f.type().keyword()
                                + ") is required");
                    }
                    values.put(f.name(), FieldValues.Value.EMPTY);
                } else {
                    values.put(f.name(), FieldValues.check(f, raw));
                }
            }
            boolean[] dropped = new boolean[chunkFields.size()];
            for (int c = 0; c < dropped.length; c++) {
                dropped[c] = true;
                for (String field : chunkFields.get(c)) {
                    dropped[c] &= values.get(field).isEmpty();
                }
            }
            StringBuilder out = new StringBuilder(2048);
            for (Part p : parts) {
                if (p.chunk < 0 || !dropped[p.chunk]) {
                    p.emit(values, copies, out);
                }
            }
            return out.toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("template '" + name + "': " + e.getMessage(), e);
        }
    }

    private List<Gs1Element> gs1Elements(Placeholder p, Map<String, FieldValues.Value> values) {
        List<Gs1Element> elements = new ArrayList<>(p.fields.size());
        for (int i = 0; i < p.fields.size(); i++) {
            TemplateField field = fieldsByName.get(p.fields.get(i));
            FieldValues.Value v = values.get(field.name());
            if (v.isEmpty()) {
                continue;
            }
            String ai = p.ais.get(i);
            Gs1Element element = new Gs1Element(ai, gs1Value(field, v));
            try {
                Gs1Encoder.validate(List.of(element));
            } catch (IllegalArgumentException e) {
                throw FieldValues.bad(field, "not valid for GS1 AI (" + ai + "): " + e.getMessage());
            }
            elements.add(element);
        }
        return elements;
    }

    private static String gs1Value(TemplateField field, FieldValues.Value v) {
        switch (field.type()) {
            case GTIN:
                return "00000000000000".substring(v.canonical.length()) + v.canonical;
            case DATE:
                return GS1_DATE.format(v.date);
            case INTEGER:
                if (v.canonical.startsWith("-")) {
                    throw FieldValues.bad(field, "a negative number cannot go into a GS1 element");
                }
                return v.canonical;
            default:
                return v.canonical;
        }
    }
}
