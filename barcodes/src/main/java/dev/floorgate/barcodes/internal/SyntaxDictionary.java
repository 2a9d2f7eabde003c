package dev.floorgate.barcodes.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the GS1 Barcode Syntax Dictionary shipped in this module's resources
 * ({@code dev/floorgate/barcodes/gs1/gs1-syntax-dictionary.txt}, release named by {@link #release()}; licence and
 * source beside it). Line syntax, from the file's own header: {@code AIs [Flags] Specification [Attributes...]
 * [# Title]}, where AIs is one AI or a range {@code 3100-3105}, flags {@code *} (pre-defined length, no FNC1) and
 * {@code ?} (allowed as a Digital Link data attribute), the specification whitespace-separated components
 * ({@code N14,csum,gcppos2}), and attributes {@code req=...}, {@code ex=...}, {@code dlpkey[=...]}.
 *
 * <p>Also reads the linters' code lists ({@code gs1-code-lists.txt}: ISO 3166, ISO 4217, package types, media
 * types). A malformed line is an IllegalStateException naming the line: the files are part of the build.
 */
public final class SyntaxDictionary {
    static final String DICTIONARY = "/dev/floorgate/barcodes/gs1/gs1-syntax-dictionary.txt";
    static final String CODE_LISTS = "/dev/floorgate/barcodes/gs1/gs1-code-lists.txt";

    /** One line of the dictionary. */
    public static final class Entry {
        public final String firstAi;
        public final String lastAi;
        public final boolean predefinedLength;
        public final boolean digitalLinkAttribute;
        public final String specification;
        /** Each {@code req=} attribute: alternatives, each a list of AIs or patterns ({@code 35nn}) all needed. */
        public final List<List<List<String>>> requires;
        /** AIs or patterns that must not appear with this AI. */
        public final List<String> excludes;
        /** Qualifier sequences after {@code dlpkey=}, {@code ""} for a bare {@code dlpkey}, or null. */
        public final String digitalLinkKey;
        public final String title;
        public final int line;

        Entry(String firstAi, String lastAi, boolean predefinedLength, boolean digitalLinkAttribute,
                String specification, List<List<List<String>>> requires, List<String> excludes,
                String digitalLinkKey, String title, int line) {
            this.firstAi = firstAi;
            this.lastAi = lastAi;
            this.predefinedLength = predefinedLength;
            this.digitalLinkAttribute = digitalLinkAttribute;
            this.specification = specification;
            this.requires = requires;
            this.excludes = excludes;
            this.digitalLinkKey = digitalLinkKey;
            this.title = title;
            this.line = line;
        }

        /** Every AI of the entry's range, in order. */
        public List<String> ais() {
            List<String> out = new ArrayList<>();
            int first = Integer.parseInt(firstAi);
            int last = Integer.parseInt(lastAi);
            for (int ai = first; ai <= last; ai++) {
                String s = String.valueOf(ai);
                while (s.length() < firstAi.length()) {
                    s = "0" + s;
                }
                out.add(s);
            }
            return out;
        }
    }

    private static volatile List<Entry> entries;
    private static volatile String release;
    private static volatile Map<String, List<String>> codeLists;

    private SyntaxDictionary() {
    }

    /** The entries in file order. */
    public static List<Entry> entries() {
        if (entries == null) {
            load();
        }
        return entries;
    }

    /** The dictionary's {@code # Release:} value, e.g. {@code 2026-01-27}. */
    public static String release() {
        if (entries == null) {
            load();
        }
        return release;
    }

    /** A named code list ({@code iso3166}, {@code iso3166alpha2}, {@code iso4217}, {@code packagetype}, {@code mediatype}). */
    public static List<String> codeList(String name) {
        if (codeLists == null) {
            Map<String, List<String>> lists = new HashMap<>();
            for (String line : lines(CODE_LISTS)) {
                if (line.startsWith("#") || line.trim().isEmpty()) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+");
                List<String> codes = new ArrayList<>();
                Collections.addAll(codes, parts);
                codes.remove(0);
                lists.put(parts[0], Collections.unmodifiableList(codes));
            }
            codeLists = lists;
        }
        List<String> list = codeLists.get(name);
        if (list == null) {
            throw new IllegalStateException("GS1 code list '" + name + "' is not in " + CODE_LISTS);
        }
        return list;
    }

    private static synchronized void load() {
        if (entries != null) {
            return;
        }
        List<Entry> out = new ArrayList<>();
        String rel = null;
        int number = 0;
        for (String raw : lines(DICTIONARY)) {
            number++;
            if (raw.startsWith("# Release:")) {
                rel = raw.substring("# Release:".length()).trim();
            }
            if (raw.startsWith("#") || raw.trim().isEmpty()) {
                continue;
            }
            out.add(parse(raw, number));
        }
        if (rel == null) {
            throw new IllegalStateException(DICTIONARY + " has no '# Release:' line");
        }
        release = rel;
        entries = Collections.unmodifiableList(out);
    }

    static Entry parse(String raw, int number) {
        int hash = raw.indexOf('#');
        String title = hash < 0 ? "" : raw.substring(hash + 1).trim();
        String[] tokens = (hash < 0 ? raw : raw.substring(0, hash)).trim().split("\\s+");
        int dash = tokens[0].indexOf('-');
        String first = dash < 0 ? tokens[0] : tokens[0].substring(0, dash);
        String last = dash < 0 ? tokens[0] : tokens[0].substring(dash + 1);
        if (!first.matches("[0-9]{2,4}") || last.length() != first.length()) {
            throw new IllegalStateException(DICTIONARY + " line " + number + ": bad AI '" + tokens[0] + "'");
        }
        boolean predefined = false;
        boolean attribute = false;
        StringBuilder spec = new StringBuilder();
        List<List<List<String>>> requires = new ArrayList<>();
        List<String> excludes = new ArrayList<>();
        String key = null;
        for (int i = 1; i < tokens.length; i++) {
            String t = tokens[i];
            if (i == 1 && t.matches("[*?!\"$%&'()+,\\-./:;<=>@\\[\\\\\\]^_`{|}~]+") && !t.startsWith("[")) {
                predefined = t.indexOf('*') >= 0;
                attribute = t.indexOf('?') >= 0;
            } else if (t.startsWith("req=")) {
                List<List<String>> alternatives = new ArrayList<>();
                for (String alternative : t.substring(4).split(",")) {
                    List<String> all = new ArrayList<>();
                    Collections.addAll(all, alternative.split("\\+"));
                    alternatives.add(all);
                }
                requires.add(alternatives);
            } else if (t.startsWith("ex=")) {
                Collections.addAll(excludes, t.substring(3).split(","));
            } else if (t.equals("dlpkey")) {
                key = "";
            } else if (t.startsWith("dlpkey=")) {
                key = t.substring(7);
            } else if (t.matches("\\[?[NXYZ][0-9.]+\\]?(,[a-z0-9]+)*")) {
                spec.append(spec.length() == 0 ? "" : " ").append(t);
            } else {
                throw new IllegalStateException(DICTIONARY + " line " + number + ": unknown token '" + t + "'");
            }
        }
        if (spec.length() == 0) {
            throw new IllegalStateException(DICTIONARY + " line " + number + ": no specification");
        }
        return new Entry(first, last, predefined, attribute, spec.toString(), requires, excludes, key, title, number);
    }

    private static List<String> lines(String resource) {
        InputStream in = SyntaxDictionary.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("resource " + resource + " is missing from the barcodes jar");
        }
        List<String> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                out.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource + " failed", e);
        }
        return out;
    }
}
