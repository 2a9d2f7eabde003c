package dev.floorgate.devices.sim;

/** One unit of what a printer receives: a label format, a control ({@code ~}) command or an SGD line. */
final class ZplCommand {

    enum Kind { FORMAT, TILDE, SGD }

    final Kind kind;
    /** FORMAT: the bytes {@code ^XA ... ^XZ} (aliases expanded), as ISO-8859-1 text. TILDE: the code (HS, HQES,
     *  HI, PS, ...). SGD: the line without CR LF. */
    final String text;

    private ZplCommand(Kind kind, String text) {
        this.kind = kind;
        this.text = text;
    }

    static ZplCommand format(String zpl) {
        return new ZplCommand(Kind.FORMAT, zpl);
    }

    static ZplCommand tilde(String code) {
        return new ZplCommand(Kind.TILDE, code);
    }

    static ZplCommand sgd(String line) {
        return new ZplCommand(Kind.SGD, line);
    }

    @Override
    public String toString() {
        return kind + ":" + (text.length() > 60 ? text.substring(0, 60) + "..." : text);
    }
}
