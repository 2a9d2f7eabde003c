package dev.floorgate.devices.internal;

import java.nio.charset.StandardCharsets;

/**
 * SGD (Set/Get/Do) command lines (PROTOCOLS.md 2.3): {@code ! U1 setvar "name" "value"} CR LF. Names are lower
 * case; names and values may not hold a double quote or control characters, because SGD has no escape for them
 * and a quote would end the value early (and let the rest be read as more commands).
 */
public final class Sgd {

    private Sgd() {
    }

    /** {@code ! U1 setvar "name" "value"} CR LF. */
    public static byte[] setVar(String name, String value) {
        requireName(name);
        requireValue(name, value);
        return ("! U1 setvar \"" + name + "\" \"" + value + "\"\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static void requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("SGD variable name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c == '"' || c == 0x7f || Character.isUpperCase(c)) {
                throw new IllegalArgumentException("SGD variable name '" + name + "' has "
                        + (Character.isUpperCase(c) ? "an upper-case letter" : "a space, quote or control character")
                        + " at position " + i + "; names are lower case, like appl.name");
            }
        }
    }

    static void requireValue(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("SGD value for '" + name + "' is null");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' || c == '"' || c == 0x7f) {
                throw new IllegalArgumentException("SGD value for '" + name + "' has a quote or control character at "
                        + "position " + i + "; SGD cannot carry it");
            }
        }
    }
}
