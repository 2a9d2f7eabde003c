package dev.floorgate.templates;

import dev.floorgate.templates.internal.ZplLabelScanner;
import dev.floorgate.templates.internal.ZplRefusal;
import java.nio.charset.StandardCharsets;

/**
 * Printers take labels, not orders: decides whether raw ZPL from a LAN client (a carrier label in a print job or
 * a scan at a raw-ZPL station) may go to a shared printer. {@link #labelsOnly()} lets through label formatting
 * commands only and refuses the first command that would act on the printer beyond the current label (every
 * {@code ~} command, {@code ^JU}, network, memory, media, clock, prefix changes, SGD lines, unknown commands),
 * naming it and its byte offset; PROTOCOLS.md 1.5 lists the rule for each command with its source.
 * {@link #printerAdmin()} allows everything, for a caller that holds the printer admin role for that printer.
 *
 * <p>The check reads the bytes with the same lexer as the preview and {@link ZplFieldData}, so what it sees as a
 * command is what they see. Immutable, thread-safe, linear in the input, and never throws on odd bytes.
 */
public final class ZplCommandPolicy {
    private static final ZplCommandPolicy LABELS_ONLY = new ZplCommandPolicy(false);
    private static final ZplCommandPolicy PRINTER_ADMIN = new ZplCommandPolicy(true);

    private final boolean allowAll;

    private ZplCommandPolicy(boolean allowAll) {
        this.allowAll = allowAll;
    }

    /** The rule for every LAN client without the printer admin role. */
    public static ZplCommandPolicy labelsOnly() {
        return LABELS_ONLY;
    }

    /** Everything passes: for a device or station site IT granted the printer admin role on the printer. */
    public static ZplCommandPolicy printerAdmin() {
        return PRINTER_ADMIN;
    }

    public static ZplCommandPolicy forRole(boolean printerAdmin) {
        return printerAdmin ? PRINTER_ADMIN : LABELS_ONLY;
    }

    public boolean allowsAll() {
        return allowAll;
    }

    /** Checks the bytes exactly as they would be sent. */
    public ZplCheck check(byte[] zpl) {
        if (zpl == null) {
            throw new IllegalArgumentException("ZPL to check is null");
        }
        if (allowAll) {
            return ZplCheck.ALLOWED;
        }
        ZplRefusal refusal = ZplLabelScanner.firstRefusal(new String(zpl, StandardCharsets.ISO_8859_1));
        return refusal == null ? ZplCheck.ALLOWED
                : ZplCheck.refused(refusal.command(), refusal.offset(), refusal.reason());
    }

    /** Checks the UTF-8 bytes of {@code zpl} (how the gateway sends a label); offsets are UTF-8 byte offsets. */
    public ZplCheck check(String zpl) {
        if (zpl == null) {
            throw new IllegalArgumentException("ZPL to check is null");
        }
        return check(zpl.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return allowAll ? "ZplCommandPolicy.printerAdmin" : "ZplCommandPolicy.labelsOnly";
    }
}
