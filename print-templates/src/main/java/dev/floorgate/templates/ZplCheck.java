package dev.floorgate.templates;

/**
 * The answer of {@link ZplCommandPolicy#check}: allowed, or refused with the first offending command as written
 * ({@code ~PP}, {@code ^JU}, {@code !} for an SGD line, {@code 0x1B} for a stray byte), its byte offset and why.
 * {@link #message()} is the one line to show the client, e.g.
 * {@code ZPL command ~PP at byte 12 is not allowed: control command: the printer acts on it at once, ...}.
 */
public final class ZplCheck {
    static final ZplCheck ALLOWED = new ZplCheck(true, "", -1, "");

    private final boolean allowed;
    private final String command;
    private final int offset;
    private final String reason;

    private ZplCheck(boolean allowed, String command, int offset, String reason) {
        this.allowed = allowed;
        this.command = command;
        this.offset = offset;
        this.reason = reason;
    }

    static ZplCheck refused(String command, int offset, String reason) {
        return new ZplCheck(false, command, offset, reason);
    }

    public boolean allowed() {
        return allowed;
    }

    /** The refused command as written (upper-cased code), or the offending byte; empty when allowed. */
    public String command() {
        return command;
    }

    /** Byte offset of the refused command; -1 when allowed. */
    public int offset() {
        return offset;
    }

    /** Why the command is refused; empty when allowed. */
    public String reason() {
        return reason;
    }

    /** One line naming the command, the offset and the reason; "allowed" when allowed. */
    public String message() {
        if (allowed) {
            return "allowed";
        }
        String what = command.isEmpty() ? "ZPL" : "ZPL command " + command;
        return what + " at byte " + offset + " is not allowed: " + reason;
    }

    @Override
    public String toString() {
        return message();
    }
}
