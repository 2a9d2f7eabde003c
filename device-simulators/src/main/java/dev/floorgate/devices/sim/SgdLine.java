package dev.floorgate.devices.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses an SGD line (PROTOCOLS.md 2.3): {@code ! U1 getvar "name"}, {@code ! U1 setvar "name" "value"},
 * {@code ! U1 do "name" "value"}, or the batch form {@code ! U getvar "a" setvar "b" "c" ... END}.
 */
final class SgdLine {

    /** One command of a line. */
    static final class Command {
        final String verb;
        final String name;
        final String value;

        Command(String verb, String name, String value) {
            this.verb = verb;
            this.name = name;
            this.value = value;
        }
    }

    private SgdLine() {
    }

    /** The commands of the line; empty when it is not SGD. */
    static List<Command> parse(String line) {
        List<String> tokens = tokens(line);
        List<Command> commands = new ArrayList<>();
        if (tokens.size() < 3 || !tokens.get(0).equals("!")) {
            return commands;
        }
        String unit = tokens.get(1).toUpperCase(Locale.ROOT);
        if (!unit.equals("U1") && !unit.equals("U")) {
            return commands;
        }
        int i = 2;
        while (i < tokens.size()) {
            String verb = tokens.get(i).toLowerCase(Locale.ROOT);
            if (verb.equals("end")) {
                break;
            }
            int arguments = verb.equals("getvar") ? 1 : verb.equals("setvar") || verb.equals("do") ? 2 : -1;
            if (arguments < 0) {
                break;
            }
            String name = i + 1 < tokens.size() ? unquote(tokens.get(i + 1)) : null;
            String value = arguments == 2 && i + 2 < tokens.size() ? unquote(tokens.get(i + 2)) : "";
            if (name == null) {
                break;
            }
            commands.add(new Command(verb, name, value));
            i += 1 + arguments;
        }
        return commands;
    }

    private static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int close = line.indexOf('"', i + 1);
                int end = close < 0 ? line.length() : close + 1;
                tokens.add(line.substring(i, end));
                i = end;
            } else {
                int end = i;
                while (end < line.length() && !Character.isWhitespace(line.charAt(end)) && line.charAt(end) != '"') {
                    end++;
                }
                tokens.add(line.substring(i, end));
                i = end;
            }
        }
        return tokens;
    }

    private static String unquote(String token) {
        if (token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")) {
            return token.substring(1, token.length() - 1);
        }
        return token.startsWith("\"") ? token.substring(1) : token;
    }
}
