package dev.floorgate.core.internal;

import java.util.regex.Pattern;

/**
 * What a client may read in an error body or a result message: our own words, never a Java class name, a stack
 * frame or a driver's or library's message (issue 22: they tell an attacker the stack and its versions, and the
 * MySQL driver's text can carry host names and SQL). Sources say what failed in their own words and log the
 * cause; this filter at the edge ({@link ErrorHandlers}, {@link ApiErrorBodyProvider}) is the backstop that
 * replaces any message still looking like internals with the generic text for its status.
 */
final class ClientMessages {
    /**
     * Exception and class names, stack frames, Java packages, SQL and driver words, and qualified class names such
     * as {@code com.example.Foo} or {@code Foo$Bar} (a setting's name, {@code fg.core.writeback.max-lag}, is fine).
     */
    private static final Pattern INTERNALS = Pattern.compile(
            "Exception|Throwable|\\bat [a-z]\\w*\\.|\\bjava\\.|\\bjavax\\.|\\bjdk\\.|\\bsun\\.|SQL|jdbc|[Mm]aria[Dd][Bb]"
                    + "|lettuce|netty|micronaut|fasterxml|jackson|floorgate\\.|\\w\\$\\w"
                    + "|\\b[a-z]\\w*(\\.[a-z]\\w*)+\\.[A-Z]");

    private ClientMessages() {
    }

    /** True when {@code message} may go to a client as it is. */
    static boolean isSafe(String message) {
        return message != null && !INTERNALS.matcher(message).find();
    }

    /** {@code message} when safe, otherwise {@code fallback}. */
    static String safe(String message, String fallback) {
        return isSafe(message) ? message : fallback;
    }

    /** The text for a status whose own message was not safe to show. */
    static String generic(int status) {
        if (status >= 500) {
            return status == 503 ? "the core cannot serve this now; retry later" : "internal error; see the core's log";
        }
        switch (status) {
            case 400:
                return "the request could not be read";
            case 404:
                return "not found";
            default:
                return "the request was refused";
        }
    }
}
