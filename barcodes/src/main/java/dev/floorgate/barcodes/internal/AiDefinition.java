package dev.floorgate.barcodes.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one Application Identifier may hold: its data components, whether it has a pre-defined length (no
 * FNC1/GS needed after it), and its role in a GS1 Digital Link URI (primary key with qualifier sequences,
 * short name). Built once by {@link AiTable} during its class initialisation; the two Digital Link fields are
 * set there and never again, so instances are effectively immutable and safely published.
 */
public final class AiDefinition {

    private final String ai;
    private final String title;
    private final List<AiComponent> components;
    private final boolean predefinedLength;
    private final int minLength;
    private final int maxLength;
    private List<List<String>> qualifierSequences;
    private String shortName;
    private boolean digitalLinkAttribute;
    private List<List<List<String>>> requires = Collections.emptyList();
    private List<String> excludes = Collections.emptyList();

    AiDefinition(String ai, String spec, String title, boolean predefinedLength) {
        this.ai = ai;
        this.title = title;
        List<AiComponent> parts = new ArrayList<>();
        int min = 0;
        int max = 0;
        for (String token : spec.trim().split("\\s+")) {
            AiComponent component = AiComponent.parse(token);
            parts.add(component);
            if (!component.isOptional()) {
                min += component.minLength();
            }
            max += component.maxLength();
        }
        this.components = Collections.unmodifiableList(parts);
        this.predefinedLength = predefinedLength;
        this.minLength = min;
        this.maxLength = max;
    }

    void digitalLinkKey(List<List<String>> sequences) {
        this.qualifierSequences = sequences;
    }

    void shortName(String name) {
        this.shortName = name;
    }

    void associations(boolean attribute, List<List<List<String>>> requires, List<String> excludes) {
        this.digitalLinkAttribute = attribute;
        this.requires = requires;
        this.excludes = excludes;
    }

    /** True when the dictionary allows this AI as a Digital Link data attribute (query parameter). */
    public boolean isDigitalLinkAttribute() {
        return digitalLinkAttribute;
    }

    /** The dictionary's {@code req=} rules: each must be met by one alternative, whose AIs must all be present. */
    public List<List<List<String>>> requires() {
        return requires;
    }

    /** The dictionary's {@code ex=}: AIs or patterns ({@code 310n}) that must not appear with this one. */
    public List<String> excludes() {
        return excludes;
    }

    public String ai() {
        return ai;
    }

    public String title() {
        return title;
    }

    public List<AiComponent> components() {
        return components;
    }

    /** True when no FNC1/GS separator follows this AI's value (PROTOCOLS.md section 7, the pre-defined table). */
    public boolean hasPredefinedLength() {
        return predefinedLength;
    }

    public int minLength() {
        return minLength;
    }

    public int maxLength() {
        return maxLength;
    }

    /** True when this AI may be the primary key of a Digital Link URI path. */
    public boolean isDigitalLinkKey() {
        return qualifierSequences != null;
    }

    /** The alternative ordered qualifier sequences of a Digital Link key (empty lists: no qualifiers). */
    public List<List<String>> qualifierSequences() {
        return qualifierSequences == null ? Collections.<List<String>>emptyList() : qualifierSequences;
    }

    /** The Digital Link short name ({@code gtin}, {@code lot}, ...), or null. */
    public String shortName() {
        return shortName;
    }

    @Override
    public String toString() {
        return "(" + ai + ") " + title + " " + components;
    }
}
