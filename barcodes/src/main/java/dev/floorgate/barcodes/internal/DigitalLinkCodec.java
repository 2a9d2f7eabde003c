package dev.floorgate.barcodes.internal;

import dev.floorgate.barcodes.Gs1Element;
import dev.floorgate.barcodes.Gs1ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * GS1 Digital Link URIs (PROTOCOLS.md section 7):
 * {@code https://<domain>[/<any prefix>]/<key AI>/<value>[/<qualifier AI>/<value>...][?<AI>=<value>&...]}.
 * AIs may be numeric or short names ({@code gtin}, {@code lot}, {@code ser}, {@code exp}, {@code sscc}...).
 *
 * <p>As the GS1 Digital Link URI syntax standard (and the syntax dictionary's {@code dlpkey} and {@code ?}
 * flags) says: the primary key is the first path segment that names a Digital Link key AI, leaves an even
 * number of segments (key/value pairs) after it, and is followed only by qualifiers of one of its qualifier
 * sequences, in that sequence's order; the segments before it are the resolver's own path. The query carries
 * data attributes only: AIs the dictionary flags as attributes ({@code ?}); a key or a path qualifier there is
 * refused, and so is any AI given twice (path or query), an empty value and bad percent-encoding. Query
 * parameters that are not AIs ({@code linkType}, {@code context}, ...) are ignored; a numeric one that is not a
 * known AI is an error. Values are percent-decoded as UTF-8; {@code +} is a plus sign (GS1 data has no spaces).
 * A GTIN-8, -12 or -13 under key 01 is padded to 14 digits with leading zeros.
 *
 * <p>Encoding writes the canonical form: the stem, numeric AIs, the key and its qualifiers in the path, the
 * attributes in the query in ascending AI order, every character outside RFC 3986's unreserved set
 * percent-encoded. Elements that cannot go into one URI (an AI twice, qualifiers of two sequences, an AI that is
 * neither a path qualifier nor an attribute) are refused with a message naming the AI.
 */
public final class DigitalLinkCodec {

    /** The default stem of GS1's own resolver. */
    public static final String DEFAULT_STEM = "https://id.gs1.org";

    private DigitalLinkCodec() {
    }

    /** True for an http(s) URI, whatever its path. */
    public static boolean isHttpUri(String text) {
        return text.regionMatches(true, 0, "https://", 0, 8) || text.regionMatches(true, 0, "http://", 0, 7);
    }

    /** True for an http(s) URI whose path holds a GS1 primary key. */
    public static boolean looksLikeDigitalLink(String text) {
        return isHttpUri(text) && primaryKeyIndex(pathSegments(text)) >= 0;
    }

    public static List<Gs1Element> parse(String uri) {
        List<String> segments = pathSegments(uri);
        int key = primaryKeyIndex(segments);
        if (key < 0) {
            throw noPrimaryKey(uri, segments);
        }
        List<Gs1Element> elements = new ArrayList<>();
        for (int i = key; i < segments.size(); i += 2) {
            String ai = toAi(segments.get(i));
            addOnce(elements, ai, normalise(ai, PercentEncoding.decode(segments.get(i + 1))), "path");
        }
        List<String> inPath = new ArrayList<>();
        for (Gs1Element e : elements) {
            inPath.add(e.ai());
        }
        String query = query(uri);
        if (query != null) {
            for (String parameter : query.split("&")) {
                if (parameter.isEmpty()) {
                    continue;
                }
                int equals = parameter.indexOf('=');
                String name = PercentEncoding.decode(equals < 0 ? parameter : parameter.substring(0, equals));
                boolean numeric = ElementStringCodec.isDigits(name);
                String ai = toAi(name);
                if (ai == null) {
                    if (numeric) {
                        throw new Gs1ParseException(name, "unknown Application Identifier in the Digital Link query");
                    }
                    continue;
                }
                if (equals < 0) {
                    throw new Gs1ParseException(ai, "Digital Link query parameter '" + name + "' has no value");
                }
                AiDefinition definition = AiTable.find(ai);
                if (!definition.isDigitalLinkAttribute()) {
                    throw new Gs1ParseException(ai, "is not a Digital Link data attribute and may not be in the query"
                            + (isQualifierOf(inPath.get(0), ai) ? " (it is a qualifier of (" + inPath.get(0)
                            + "): it belongs in the path)" : ""));
                }
                addOnce(elements, ai, normalise(ai, PercentEncoding.decode(parameter.substring(equals + 1))), "query");
            }
        }
        return elements;
    }

    private static void addOnce(List<Gs1Element> elements, String ai, String value, String where) {
        if (value.isEmpty()) {
            throw new Gs1ParseException(ai, "has an empty value in the Digital Link " + where);
        }
        for (Gs1Element e : elements) {
            if (e.ai().equals(ai)) {
                throw new Gs1ParseException(ai, "appears twice in the Digital Link (a URI carries each AI once)");
            }
        }
        elements.add(new Gs1Element(ai, value));
    }

    private static boolean isQualifierOf(String keyAi, String ai) {
        for (List<String> sequence : AiTable.find(keyAi).qualifierSequences()) {
            if (sequence.contains(ai)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The canonical Digital Link URI for {@code elements}: the first key AI and those of its qualifiers that
     * are present go in the path (numeric AIs, one qualifier sequence, in its order), the data attributes in the
     * query in ascending AI order.
     */
    public static String encode(String stem, List<Gs1Element> elements) {
        if (!isHttpUri(stem)) {
            throw new IllegalArgumentException("Digital Link stem must be an http(s) URI, got '" + stem + "'");
        }
        Gs1Element key = null;
        for (Gs1Element element : elements) {
            AiDefinition definition = AiTable.find(element.ai());
            if (definition != null && definition.isDigitalLinkKey()) {
                key = element;
                break;
            }
        }
        if (key == null) {
            throw new IllegalArgumentException("a Digital Link needs a primary key AI (00, 01, 414, 8003, 8004, ...); none among "
                    + elements);
        }
        for (int i = 0; i < elements.size(); i++) {
            for (int j = i + 1; j < elements.size(); j++) {
                if (elements.get(i).ai().equals(elements.get(j).ai())) {
                    throw new IllegalArgumentException("AI (" + elements.get(i).ai() + ") appears twice; a Digital Link "
                            + "carries each AI once");
                }
            }
        }
        List<String> qualifiers = bestSequence(AiTable.find(key.ai()).qualifierSequences(), elements);
        StringBuilder uri = new StringBuilder(stem.endsWith("/") ? stem.substring(0, stem.length() - 1) : stem);
        List<Gs1Element> inPath = new ArrayList<>();
        inPath.add(key);
        uri.append('/').append(key.ai()).append('/').append(PercentEncoding.encode(key.value()));
        for (String qualifier : qualifiers) {
            Gs1Element element = first(elements, qualifier);
            if (element != null) {
                inPath.add(element);
                uri.append('/').append(qualifier).append('/').append(PercentEncoding.encode(element.value()));
            }
        }
        List<Gs1Element> attributes = new ArrayList<>();
        for (Gs1Element element : elements) {
            if (inPath.contains(element)) {
                continue;
            }
            AiDefinition definition = AiTable.find(element.ai());
            if (isQualifierOf(key.ai(), element.ai())) {
                throw new IllegalArgumentException("AI (" + element.ai() + ") is a qualifier of (" + key.ai()
                        + ") from another sequence than " + qualifiers + "; one Digital Link cannot mix "
                        + describe(AiTable.find(key.ai()).qualifierSequences()));
            }
            if (definition == null || !definition.isDigitalLinkAttribute()) {
                throw new IllegalArgumentException("AI (" + element.ai() + ") is neither a qualifier of (" + key.ai()
                        + ") nor a Digital Link data attribute");
            }
            attributes.add(element);
        }
        java.util.Collections.sort(attributes, new java.util.Comparator<Gs1Element>() {
            @Override
            public int compare(Gs1Element a, Gs1Element b) {
                return a.ai().compareTo(b.ai());
            }
        });
        char joiner = '?';
        for (Gs1Element element : attributes) {
            uri.append(joiner).append(element.ai()).append('=').append(PercentEncoding.encode(element.value()));
            joiner = '&';
        }
        return uri.toString();
    }

    private static List<String> bestSequence(List<List<String>> sequences, List<Gs1Element> elements) {
        List<String> best = new ArrayList<>();
        int bestCount = -1;
        for (List<String> sequence : sequences) {
            int count = 0;
            for (String qualifier : sequence) {
                if (first(elements, qualifier) != null) {
                    count++;
                }
            }
            if (count > bestCount) {
                best = sequence;
                bestCount = count;
            }
        }
        return best;
    }

    private static Gs1Element first(List<Gs1Element> elements, String ai) {
        for (Gs1Element element : elements) {
            if (element.ai().equals(ai)) {
                return element;
            }
        }
        return null;
    }

    private static int primaryKeyIndex(List<String> segments) {
        for (int i = 0; i + 1 < segments.size(); i++) {
            AiDefinition key = AiTable.find(toAi(segments.get(i)));
            if (key != null && key.isDigitalLinkKey() && (segments.size() - i) % 2 == 0
                    && qualifiersFit(key, segments, i + 2)) {
                return i;
            }
        }
        return -1;
    }

    /** Says why no key was found: none named at all, or one whose path does not continue in key/value pairs. */
    private static Gs1ParseException noPrimaryKey(String uri, List<String> segments) {
        for (int i = 0; i + 1 < segments.size(); i++) {
            AiDefinition key = AiTable.find(toAi(segments.get(i)));
            if (key != null && key.isDigitalLinkKey()) {
                return new Gs1ParseException(key.ai(), "Digital Link path after the primary key must be key/value pairs of its "
                        + "qualifiers in order " + describe(key.qualifierSequences()) + ", got '/"
                        + join(segments.subList(i, segments.size())) + "'");
            }
        }
        return new Gs1ParseException("Digital Link '" + uri + "' has no GS1 primary key (such as /01/<GTIN>) in its path");
    }

    private static String describe(List<List<String>> sequences) {
        StringBuilder out = new StringBuilder();
        for (List<String> sequence : sequences) {
            out.append(out.length() == 0 ? "" : " or ").append(sequence.isEmpty() ? "(none)" : join(sequence).replace('/', ','));
        }
        return out.toString();
    }

    private static String join(List<String> parts) {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            out.append(out.length() == 0 ? "" : "/").append(part);
        }
        return out.toString();
    }

    /** Whether the AIs at {@code from}, {@code from + 2}, ... follow one of the key's qualifier sequences in order. */
    private static boolean qualifiersFit(AiDefinition key, List<String> segments, int from) {
        if (from >= segments.size()) {
            return true;
        }
        for (List<String> sequence : key.qualifierSequences()) {
            int next = 0;
            boolean fits = true;
            for (int i = from; i < segments.size() && fits; i += 2) {
                int at = sequence.indexOf(toAi(segments.get(i)));
                fits = at >= next;
                next = at + 1;
            }
            if (fits) {
                return true;
            }
        }
        return false;
    }

    /** The numeric AI for a numeric or short-name path segment or query key, or null. */
    private static String toAi(String name) {
        if (ElementStringCodec.isDigits(name)) {
            return AiTable.find(name) == null ? null : name;
        }
        AiDefinition definition = AiTable.findByShortName(name);
        return definition == null ? null : definition.ai();
    }

    private static String normalise(String ai, String value) {
        if ("01".equals(ai) && ElementStringCodec.isDigits(value)
                && (value.length() == 8 || value.length() == 12 || value.length() == 13)) {
            return "00000000000000".substring(value.length()) + value;
        }
        return value;
    }

    private static List<String> pathSegments(String uri) {
        String rest = withoutFragment(uri);
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        int authorityStart = rest.indexOf("//") + 2;
        int pathStart = rest.indexOf('/', authorityStart);
        List<String> segments = new ArrayList<>();
        if (pathStart < 0) {
            return segments;
        }
        for (String segment : rest.substring(pathStart + 1).split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    private static String query(String uri) {
        String rest = withoutFragment(uri);
        int query = rest.indexOf('?');
        return query < 0 ? null : rest.substring(query + 1);
    }

    private static String withoutFragment(String uri) {
        int hash = uri.indexOf('#');
        return hash < 0 ? uri : uri.substring(0, hash);
    }
}
