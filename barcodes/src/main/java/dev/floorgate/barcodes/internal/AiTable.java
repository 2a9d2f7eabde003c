package dev.floorgate.barcodes.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Application Identifiers FloorGate knows: every entry of the GS1 Barcode Syntax Dictionary shipped in
 * this module's resources ({@link SyntaxDictionary}; PROTOCOLS.md section 7), generated from it when the class
 * loads, with formats in the dictionary's notation ({@code N14,csum,gcppos2}: 14 digits, check digit, company
 * prefix from the second digit; {@code X..20}; {@code [..]} an optional final part), linters, association
 * rules ({@code req}/{@code ex}) and Digital Link keys and attributes.
 *
 * <p>Whether a separator follows an AI is the dictionary's {@code *} flag; every other AI needs FNC1/GS after
 * it unless it is last, even when its content is fixed. The length of an AI itself (2, 3 or 4 digits) is fixed
 * by its first two digits (checked here), which is what lets a parser name an unknown AI exactly. The Digital
 * Link short names ({@code gtin}, {@code lot}, ...) are not in the dictionary; they come from the Digital Link
 * standard's table and are accepted when parsing only.
 */
public final class AiTable {

    private static final Map<String, AiDefinition> BY_AI = new HashMap<>();
    private static final Map<String, Integer> AI_LENGTH_BY_PREFIX = new HashMap<>();
    private static final Map<String, AiDefinition> BY_SHORT_NAME = new HashMap<>();

    static {
        for (SyntaxDictionary.Entry entry : SyntaxDictionary.entries()) {
            for (String ai : entry.ais()) {
                add(ai, entry.specification, entry.title, entry.predefinedLength);
                BY_AI.get(ai).associations(entry.digitalLinkAttribute, entry.requires, entry.excludes);
            }
        }
        // Keys after all AIs: a key's qualifiers may come later in the file.
        for (SyntaxDictionary.Entry entry : SyntaxDictionary.entries()) {
            for (String ai : entry.digitalLinkKey == null ? Collections.<String>emptyList() : entry.ais()) {
                key(ai, entry.digitalLinkKey);
            }
        }

        // Digital Link short names (GS1 Digital Link toolkit); looked up case-insensitively.
        shortName("sscc", "00");
        shortName("gtin", "01");
        shortName("lot", "10");
        shortName("exp", "17");
        shortName("ser", "21");
        shortName("cpv", "22");
        shortName("gdti", "253");
        shortName("glnx", "254");
        shortName("gcn", "255");
        shortName("ginc", "401");
        shortName("gsin", "402");
        shortName("gln", "414");
        shortName("payto", "415");
        shortName("expdt", "7003");
        shortName("grai", "8003");
        shortName("giai", "8004");
        shortName("itip", "8006");
        shortName("cpid", "8010");
        shortName("cpsn", "8011");
        shortName("gmn", "8013");
        shortName("gsrnp", "8017");
        shortName("gsrn", "8018");
        shortName("srin", "8019");
    }

    private AiTable() {
    }

    /** The definition of {@code ai}, or null when FloorGate does not know it. */
    public static AiDefinition find(String ai) {
        return ai == null ? null : BY_AI.get(ai);
    }

    /** The definition behind a Digital Link short name such as {@code gtin} or {@code lot}, or null. */
    public static AiDefinition findByShortName(String name) {
        return name == null ? null : BY_SHORT_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    /** How many digits an AI starting with {@code twoDigits} has (2, 3 or 4), or -1 when no AI starts so. */
    public static int aiLength(String twoDigits) {
        Integer length = AI_LENGTH_BY_PREFIX.get(twoDigits);
        return length == null ? -1 : length;
    }

    /** All known definitions, in no particular order. */
    public static List<AiDefinition> all() {
        return Collections.unmodifiableList(new ArrayList<>(BY_AI.values()));
    }

    private static void add(String ai, String spec, String title, boolean predefined) {
        String prefix = ai.substring(0, 2);
        AiDefinition definition = new AiDefinition(ai, spec, title, predefined);
        // Guard the table: a pre-defined AI has a fixed length, and all AIs sharing two first digits have the
        // same length (the parser relies on both).
        if (predefined && definition.minLength() != definition.maxLength()) {
            throw new IllegalStateException("AI table: (" + ai + ") " + spec + " is marked pre-defined length but "
                    + "its length varies");
        }
        Integer known = AI_LENGTH_BY_PREFIX.put(prefix, ai.length());
        if (known != null && known != ai.length()) {
            throw new IllegalStateException("AI table: (" + ai + ") has " + ai.length() + " digits but other AIs with prefix "
                    + prefix + " have " + known);
        }
        if (BY_AI.put(ai, definition) != null) {
            throw new IllegalStateException("AI table: (" + ai + ") defined twice");
        }
    }

    private static void key(String ai, String qualifiers) {
        List<List<String>> sequences = new ArrayList<>();
        for (String alternative : qualifiers.split("\\|", -1)) {
            List<String> sequence = alternative.isEmpty()
                    ? Collections.<String>emptyList()
                    : Collections.unmodifiableList(Arrays.asList(alternative.split(",")));
            for (String qualifier : sequence) {
                if (!BY_AI.containsKey(qualifier)) {
                    throw new IllegalStateException("AI table: qualifier (" + qualifier + ") of key (" + ai + ") is not defined");
                }
            }
            sequences.add(sequence);
        }
        BY_AI.get(ai).digitalLinkKey(Collections.unmodifiableList(sequences));
    }

    private static void shortName(String name, String ai) {
        AiDefinition definition = BY_AI.get(ai);
        definition.shortName(name);
        BY_SHORT_NAME.put(name, definition);
    }
}
