package dev.floorgate.devices;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many labels a ZPL job makes, format by format, and the ZPL that prints only the labels a job still owes
 * (PROTOCOLS.md 2.4). A format is {@code ^XA ... ^XZ}; it prints its {@code ^PQ} quantity (1 without one). A
 * format that stores itself with {@code ^DF} prints nothing and is not counted. Immutable; a pure function of the
 * text.
 */
public final class ZplLabels {

    private static final Pattern FORMAT = Pattern.compile("\\^XA.*?\\^XZ", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern PQ = Pattern.compile("\\^PQ(\\d{1,8})", Pattern.CASE_INSENSITIVE);
    private static final Pattern DF = Pattern.compile("\\^DF", Pattern.CASE_INSENSITIVE);

    private final List<String> formats;
    private final List<Integer> labels;

    private ZplLabels(List<String> formats, List<Integer> labels) {
        this.formats = Collections.unmodifiableList(formats);
        this.labels = Collections.unmodifiableList(labels);
    }

    /** The printing formats of a job, in order, with the labels each makes. */
    public static ZplLabels of(String zpl) {
        List<String> formats = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        Matcher m = FORMAT.matcher(zpl);
        while (m.find()) {
            String format = m.group();
            if (DF.matcher(format).find()) {
                continue; // stored, not printed
            }
            Matcher pq = PQ.matcher(format);
            formats.add(format);
            labels.add(pq.find() ? Math.max(1, Integer.parseInt(pq.group(1))) : 1);
        }
        return new ZplLabels(formats, labels);
    }

    /** Labels per printing format, in order. */
    public List<Integer> perFormat() {
        return labels;
    }

    public int formats() {
        return formats.size();
    }

    /** Every label of the job. */
    public int total() {
        int sum = 0;
        for (int n : labels) {
            sum += n;
        }
        return sum;
    }

    /**
     * The ZPL for what is left once the first {@code printed} labels came out: the formats not reached, and the
     * format that was cut short with its {@code ^PQ} lowered to the labels it still owes.
     *
     * @throws IllegalArgumentException when {@code printed} is negative or not less than {@link #total()}
     */
    public String remainder(int printed) {
        if (printed < 0 || printed >= total()) {
            throw new IllegalArgumentException("a job of " + total() + " labels has no remainder after " + printed);
        }
        StringBuilder out = new StringBuilder();
        int left = printed;
        for (int i = 0; i < formats.size(); i++) {
            int n = labels.get(i);
            if (left >= n) {
                left -= n;
                continue;
            }
            String format = formats.get(i);
            if (left > 0) {
                Matcher pq = PQ.matcher(format);
                pq.find(); // a format of more than one label has a ^PQ
                format = format.substring(0, pq.start()) + "^PQ" + (n - left) + format.substring(pq.end());
                left = 0;
            }
            out.append(format);
            if (!format.endsWith("\n")) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "ZplLabels" + labels.toString().toLowerCase(Locale.ROOT);
    }
}
