package dev.floorgate.templates.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one ZPL input stores in the printer's memory and recalls again, as far as the preview needs it: formats
 * stored with {@code ^DF} (recalled by {@code ^XF}, their {@code ^FN} fields filled from the recalling format)
 * and graphics downloaded with {@code ~DG} (recalled by {@code ^XG} and {@code ^IM}). Only objects defined in
 * the same input are known; the printer's own memory is not (a recall of anything else is a warning).
 *
 * <p>Names are compared as the printer does, without case, and without the drive: {@code R:LOGO.GRF} and
 * {@code E:logo.grf} are one object for the preview (a printer searches its drives in order).
 */
final class StoredObjects {
    private final Map<String, List<ZplCommand>> formats = new HashMap<>();
    private final Map<String, String> graphics = new HashMap<>();

    /** Object name without drive, upper-cased, with {@code defaultExtension} when it has none. */
    static String key(String name, String defaultExtension) {
        String n = name.trim();
        int colon = n.indexOf(':');
        if (colon >= 0) {
            n = n.substring(colon + 1);
        }
        if (n.indexOf('.') < 0) {
            n = n + defaultExtension;
        }
        return n.toUpperCase(Locale.ROOT);
    }

    /** A {@code ~DGd:o.x,t,w,data}: kept as the parameters of an equivalent {@code ^GFA,t,t,w,data}. */
    void downloadGraphic(ZplCommand dg) {
        String[] p = dg.params().split(",", 4);
        if (p.length < 4) {
            return;
        }
        graphics.put(key(p[0], ".GRF"), "A," + p[1].trim() + "," + p[1].trim() + "," + p[2].trim() + "," + p[3]);
    }

    /** The {@code ^GF} parameters of a downloaded graphic, or null. */
    String graphic(String name) {
        return graphics.get(key(name, ".GRF"));
    }

    /** Stores the body of a format that holds {@code ^DF}: everything between {@code ^XA} and {@code ^XZ}. */
    void storeFormat(List<ZplCommand> commands, int from, int to) {
        String name = null;
        List<ZplCommand> body = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ZplCommand c = commands.get(i);
            if (c.is("DF")) {
                name = key(c.cleanParams(), ".ZPL");
            } else if (!c.is("XA") && !c.is("XZ")) {
                body.add(c);
            }
        }
        if (name != null) {
            formats.put(name, body);
        }
    }

    /** True if the format {@code [from, to)} stores itself with {@code ^DF} instead of printing. */
    static boolean isStoredFormat(List<ZplCommand> commands, int from, int to) {
        for (int i = from; i < to; i++) {
            if (commands.get(i).is("DF")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The commands the printer runs for a printed format: each {@code ^XF} replaced by the stored format's
     * body; the recalling format's {@code ^FN} fields do not print, they give their data to {@code fieldData}.
     */
    List<ZplCommand> expand(List<ZplCommand> commands, int from, int to, Map<Integer, ZplCommand[]> fieldData,
            PreviewWarnings warnings) {
        List<ZplCommand> out = new ArrayList<>(to - from);
        boolean recalls = false;
        for (int i = from; i < to; i++) {
            recalls |= commands.get(i).is("XF");
        }
        for (int i = from; i < to; i++) {
            ZplCommand c = commands.get(i);
            if (c.is("XF")) {
                List<ZplCommand> body = formats.get(key(c.cleanParams(), ".ZPL"));
                if (body == null) {
                    warnings.add("^XF: format " + key(c.cleanParams(), ".ZPL")
                            + " is not stored by this input (^DF); not previewed");
                } else {
                    out.addAll(body);
                }
            } else if (recalls && c.is("FN")) {
                // ^FNn ... ^FDdata ^FS: data (and its ^FH) for stored field n.
                int n = fieldNumber(c);
                ZplCommand data = null;
                ZplCommand hex = null;
                int j = i + 1;
                for (; j < to && !commands.get(j).is("FS") && !commands.get(j).is("XZ"); j++) {
                    if (commands.get(j).is("FD")) {
                        data = commands.get(j);
                    } else if (commands.get(j).is("FH")) {
                        hex = commands.get(j);
                    }
                }
                if (data != null) {
                    fieldData.put(n, new ZplCommand[] {data, hex});
                }
                i = j;
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /** The number of {@code ^FNn} (the optional {@code "prompt"} after it is ignored). */
    static int fieldNumber(ZplCommand fn) {
        String digits = Params.numericPrefix(fn.cleanParams().trim());
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
