package dev.floorgate.gateway.internal.web;

import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.ProblemCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a new admin password must be (issue 22 finding 5): {@value #MIN} to {@value #MAX} characters, at least
 * {@value #MIN_DISTINCT} different characters (so {@code aaaaaaaaaa} is refused), not in the shipped list of common
 * passwords ({@code common-passwords.txt} beside this class, which names its source and licence), and not the
 * user name, the initial password or the current one (all compared ignoring case). Each refusal is
 * WEAK_PASSWORD naming the rule.
 */
final class PasswordPolicy {
    static final int MIN = AdminSessions.MIN_PASSWORD;
    static final int MAX = AdminSessions.MAX_PASSWORD;
    static final int MIN_DISTINCT = 5;
    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    static void check(String username, String next, String current, String initial) {
        if (next == null || next.length() < MIN || next.length() > MAX) {
            throw weak("must be " + MIN + " to " + MAX + " characters");
        }
        String lower = next.toLowerCase(Locale.ROOT);
        if (next.equals(current) || lower.equals(lower(initial))) {
            throw weak("must differ from the current and the initial password");
        }
        if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
            throw weak("must not contain the user name");
        }
        if (next.codePoints().distinct().count() < MIN_DISTINCT) {
            throw weak("must have at least " + MIN_DISTINCT + " different characters");
        }
        if (COMMON.contains(lower)) {
            throw weak("is on the list of common passwords");
        }
    }

    static boolean isCommon(String password) {
        return password != null && COMMON.contains(password.toLowerCase(Locale.ROOT));
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static GatewayProblem weak(String rule) {
        return new GatewayProblem(ProblemCode.WEAK_PASSWORD, "newPassword: " + rule);
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing beside PasswordPolicy");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String w = line.trim();
                if (!w.isEmpty() && !w.startsWith("#")) {
                    words.add(w.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read common-passwords.txt: " + e.getMessage(), e);
        }
        return Set.copyOf(words);
    }
}
