package dev.floorgate.barcodes.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Application Identifiers FloorGate knows, with their formats as the GS1 Barcode Syntax Dictionary gives
 * them (PROTOCOLS.md section 7). Format strings use the dictionary's notation: {@code N14,csum} is 14 digits
 * ending in a check digit, {@code X..20} up to 20 characters of CSET 82, {@code [..]} an optional final part.
 *
 * <p>Whether a separator follows an AI comes from one place, the pre-defined length table keyed by the AI's
 * first two digits; every other AI needs FNC1/GS after it unless it is last, even when its content is fixed.
 * The length of an AI itself (2, 3 or 4 digits) is fixed by its first two digits too, which is what lets a
 * parser name an unknown AI exactly. Association rules between AIs (the dictionary's {@code req}/{@code ex})
 * and code lists (ISO 3166, ISO 4217) are not checked.
 */
public final class AiTable {

    /** First two digits of the AI -> total length of AI plus value, for AIs that need no separator. */
    private static final Map<String, Integer> PREDEFINED = new HashMap<>();
    private static final Map<String, AiDefinition> BY_AI = new HashMap<>();
    private static final Map<String, Integer> AI_LENGTH_BY_PREFIX = new HashMap<>();
    private static final Map<String, AiDefinition> BY_SHORT_NAME = new HashMap<>();

    static {
        predefined(20, "00");
        predefined(16, "01", "02", "03");
        predefined(18, "04");
        predefined(8, "11", "12", "13", "14", "15", "16", "17", "18");
        predefined(4, "20");
        predefined(10, "31", "32", "33", "34", "35", "36");
        predefined(16, "41");

        add("00", "N18,csum", "SSCC");
        add("01", "N14,csum", "GTIN");
        add("02", "N14,csum", "CONTENT");
        add("10", "X..20", "BATCH/LOT");
        add("11", "N6,yymmd0", "PROD DATE");
        add("12", "N6,yymmd0", "DUE DATE");
        add("13", "N6,yymmd0", "PACK DATE");
        add("15", "N6,yymmd0", "BEST BEFORE or BEST BY");
        add("16", "N6,yymmd0", "SELL BY");
        add("17", "N6,yymmd0", "USE BY or EXPIRY");
        add("20", "N2", "VARIANT");
        add("21", "X..20", "SERIAL");
        add("22", "X..20", "CPV");
        add("235", "X..28", "TPX");
        add("240", "X..30", "ADDITIONAL ID");
        add("241", "X..30", "CUST. PART No.");
        add("242", "N..6", "MTO VARIANT");
        add("243", "X..20", "PCN");
        add("250", "X..30", "SECONDARY SERIAL");
        add("251", "X..30", "REF. TO SOURCE");
        add("253", "N13,csum [X..17]", "GDTI");
        add("254", "X..20", "GLN EXTENSION COMPONENT");
        add("255", "N13,csum [N..12]", "GCN");
        add("30", "N..8", "VAR. COUNT");
        measures();
        add("37", "N..8", "COUNT");
        range("390", 0, 9, "N..15", "AMOUNT");
        range("391", 0, 9, "N3 N..15", "AMOUNT");
        range("392", 0, 9, "N..15", "PRICE");
        range("393", 0, 9, "N3 N..15", "PRICE");
        range("394", 0, 3, "N4", "PRCNT OFF");
        range("395", 0, 5, "N6", "PRICE/UoM");
        add("400", "X..30", "ORDER NUMBER");
        add("401", "X..30", "GINC");
        add("402", "N17,csum", "GSIN");
        add("403", "X..30", "ROUTE");
        add("410", "N13,csum", "SHIP TO LOC");
        add("411", "N13,csum", "BILL TO");
        add("412", "N13,csum", "PURCHASE FROM");
        add("413", "N13,csum", "SHIP FOR LOC");
        add("414", "N13,csum", "LOC No.");
        add("415", "N13,csum", "PAY TO");
        add("416", "N13,csum", "PROD/SERV LOC");
        add("417", "N13,csum", "PARTY");
        add("420", "X..20", "SHIP TO POST");
        add("421", "N3 X..9", "SHIP TO POST");
        add("422", "N3", "ORIGIN");
        add("423", "N3 [N..12]", "COUNTRY - INITIAL PROCESS");
        add("424", "N3", "COUNTRY - PROCESS");
        add("425", "N3 [N..12]", "COUNTRY - DISASSEMBLY");
        add("426", "N3", "COUNTRY - FULL PROCESS");
        add("427", "X..3", "ORIGIN SUBDIVISION");
        shipmentAddresses();
        add("7001", "N13", "NSN");
        add("7002", "X..30", "MEAT CUT");
        add("7003", "N6,yymmdd N4,hhmm", "EXPIRY TIME");
        add("7004", "N..4", "ACTIVE POTENCY");
        add("7005", "X..12", "CATCH AREA");
        add("7006", "N6,yymmdd", "FIRST FREEZE DATE");
        add("7007", "N6,yymmdd [N6],yymmdd", "HARVEST DATE");
        add("7008", "X..3", "AQUATIC SPECIES");
        add("7009", "X..10", "FISHING GEAR TYPE");
        add("7010", "X..2", "PROD METHOD");
        add("7011", "N6,yymmdd [N4],hhmm", "TEST BY DATE");
        add("7020", "X..20", "REFURB LOT");
        add("7021", "X..20", "FUNC STAT");
        add("7022", "X..20", "REV STAT");
        add("7023", "X..30", "GIAI - ASSEMBLY");
        range("703", 0, 9, "N3 X..27", "PROCESSOR #");
        add("7040", "N1 X1 X1 X1", "UIC+EXT");
        range("71", 0, 5, "X..20", "NHRN");
        range("723", 0, 9, "X2 X..28", "CERT #");
        add("7240", "X..20", "PROTOCOL");
        add("7241", "N2", "AIDC MEDIA TYPE");
        add("7242", "X..25", "VCN");
        add("8001", "N4 N5 N3 N1 N1", "DIMENSIONS");
        add("8002", "X..20", "CMT No.");
        add("8003", "N1,zero N13,csum [X..16]", "GRAI");
        add("8004", "X..30", "GIAI");
        add("8005", "N6", "PRICE PER UNIT");
        add("8006", "N14,csum N4,piece_of_total", "ITIP");
        add("8007", "X..34", "IBAN");
        add("8008", "N8,yymmddhh [N..4],mmoptss", "PROD TIME");
        add("8009", "X..50", "OPTSEN");
        add("8010", "Y..30", "CPID");
        add("8011", "N..12", "CPID SERIAL");
        add("8012", "X..20", "VERSION");
        add("8013", "X..25", "GMN");
        add("8017", "N18,csum", "GSRN - PROVIDER");
        add("8018", "N18,csum", "GSRN - RECIPIENT");
        add("8019", "N..10", "SRIN");
        add("8020", "X..25", "REF No.");
        add("8026", "N14,csum N4,piece_of_total", "ITIP CONTENT");
        add("8030", "Z..90", "DIGSIG");
        add("8110", "X..70", "COUPON");
        add("8111", "N4", "POINTS");
        add("8112", "X..70", "COUPON");
        add("8200", "X..70", "PRODUCT URL");
        add("90", "X..30", "INTERNAL");
        range("9", 1, 9, "X..90", "INTERNAL");

        // GS1 Digital Link primary keys and their ordered qualifier sequences ('|' separates alternatives).
        key("00", "");
        key("01", "22,10,21|235");
        key("253", "");
        key("255", "");
        key("401", "");
        key("402", "");
        key("414", "254|7040");
        key("415", "8020");
        key("417", "7040");
        key("8003", "");
        key("8004", "7040");
        key("8006", "22,10,21");
        key("8010", "8011");
        key("8013", "");
        key("8017", "8019");
        key("8018", "8019");

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

    private static void predefined(int totalLength, String... prefixes) {
        for (String prefix : prefixes) {
            PREDEFINED.put(prefix, totalLength);
        }
    }

    private static void range(String stem, int first, int last, String spec, String title) {
        for (int i = first; i <= last; i++) {
            add(stem + i, spec, title);
        }
    }

    private static void add(String ai, String spec, String title) {
        String prefix = ai.substring(0, 2);
        Integer total = PREDEFINED.get(prefix);
        AiDefinition definition = new AiDefinition(ai, spec, title, total != null);
        // Guard the table against typos: a pre-defined AI must fill exactly its pre-defined length, and all
        // AIs sharing two first digits must have the same length (the parser relies on both).
        if (total != null && (definition.minLength() != definition.maxLength()
                || ai.length() + definition.maxLength() != total)) {
            throw new IllegalStateException("AI table: (" + ai + ") " + spec + " does not fill the pre-defined length "
                    + total + " of prefix " + prefix);
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

    /** The N6 measure families 31nn-36nn; the fourth digit of the AI is the number of decimals (0 to 5). */
    private static void measures() {
        String[] families = {
            "310", "NET WEIGHT (kg)", "311", "LENGTH (m)", "312", "WIDTH (m)", "313", "HEIGHT (m)",
            "314", "AREA (m2)", "315", "NET VOLUME (l)", "316", "NET VOLUME (m3)",
            "320", "NET WEIGHT (lb)", "321", "LENGTH (in)", "322", "LENGTH (ft)", "323", "LENGTH (yd)",
            "324", "WIDTH (in)", "325", "WIDTH (ft)", "326", "WIDTH (yd)", "327", "HEIGHT (in)",
            "328", "HEIGHT (ft)", "329", "HEIGHT (yd)",
            "330", "GROSS WEIGHT (kg)", "331", "LENGTH (m), log", "332", "WIDTH (m), log", "333", "HEIGHT (m), log",
            "334", "AREA (m2), log", "335", "VOLUME (l), log", "336", "VOLUME (m3), log", "337", "KG PER m2",
            "340", "GROSS WEIGHT (lb)", "341", "LENGTH (in), log", "342", "LENGTH (ft), log", "343", "LENGTH (yd), log",
            "344", "WIDTH (in), log", "345", "WIDTH (ft), log", "346", "WIDTH (yd), log", "347", "HEIGHT (in), log",
            "348", "HEIGHT (ft), log", "349", "HEIGHT (yd), log",
            "350", "AREA (in2)", "351", "AREA (ft2)", "352", "AREA (yd2)", "353", "AREA (in2), log",
            "354", "AREA (ft2), log", "355", "AREA (yd2), log", "356", "NET WEIGHT (t oz)", "357", "NET VOLUME (oz)",
            "360", "NET VOLUME (qt)", "361", "NET VOLUME (gal.)", "362", "VOLUME (qt), log", "363", "VOLUME (gal.), log",
            "364", "VOLUME (in3)", "365", "VOLUME (ft3)", "366", "VOLUME (yd3)", "367", "VOLUME (in3), log",
            "368", "VOLUME (ft3), log", "369", "VOLUME (yd3), log",
        };
        for (int i = 0; i < families.length; i += 2) {
            range(families[i], 0, 5, "N6", families[i + 1]);
        }
    }

    /** 4300-4333: ship-to and return-to address AIs of transport labels. */
    private static void shipmentAddresses() {
        add("4300", "X..35", "SHIP TO COMP");
        add("4301", "X..35", "SHIP TO NAME");
        add("4302", "X..70", "SHIP TO ADD1");
        add("4303", "X..70", "SHIP TO ADD2");
        add("4304", "X..70", "SHIP TO SUB");
        add("4305", "X..70", "SHIP TO LOC");
        add("4306", "X..70", "SHIP TO REG");
        add("4307", "X2", "SHIP TO COUNTRY");
        add("4308", "X..30", "SHIP TO PHONE");
        add("4309", "N10 N10", "SHIP TO GEO");
        add("4310", "X..35", "RTN TO COMP");
        add("4311", "X..35", "RTN TO NAME");
        add("4312", "X..70", "RTN TO ADD1");
        add("4313", "X..70", "RTN TO ADD2");
        add("4314", "X..70", "RTN TO SUB");
        add("4315", "X..70", "RTN TO LOC");
        add("4316", "X..70", "RTN TO REG");
        add("4317", "X2", "RTN TO COUNTRY");
        add("4318", "X..20", "RTN TO POST");
        add("4319", "X..30", "RTN TO PHONE");
        add("4320", "X..35", "SRV DESCRIPTION");
        add("4321", "N1,yesno", "DANGEROUS GOODS");
        add("4322", "N1,yesno", "AUTH TO LEAVE");
        add("4323", "N1,yesno", "SIG REQUIRED");
        add("4324", "N6,yymmd0 N4,hhmm", "NOT BEF DEL DT");
        add("4325", "N6,yymmd0 N4,hhmm", "NOT AFT DEL DT");
        add("4326", "N6,yymmdd", "REL DATE");
        add("4330", "N6 [X1],hyphen", "MAX TEMP F.");
        add("4331", "N6 [X1],hyphen", "MAX TEMP C.");
        add("4332", "N6 [X1],hyphen", "MIN TEMP F.");
        add("4333", "N6 [X1],hyphen", "MIN TEMP C.");
    }
}
