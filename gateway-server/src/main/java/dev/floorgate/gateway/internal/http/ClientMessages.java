package dev.floorgate.gateway.internal.http;

import java.util.regex.Pattern;

/**
 * What a client may read in an error body: our own words, never a Java class name, a stack frame, a parser's,
 * the framework's or SQLite's message (issue 22 finding 6e: they tell an attacker the stack and its versions, and a
 * driver's text can carry paths and SQL). Domain refusals are written in our words; this filter at the edge
 * ({@link ProblemHandler}, {@link LanErrorResponses}) is the backstop that replaces any message still looking like
 * internals with the generic text for its status. The same idea as inventory-core's ClientMessages, kept apart so
 * the gateway does not depend on the core.
 */
final class ClientMessages {
    /**
     * Exception and class names, stack frames, Java packages, SQL and driver words, and qualified class names such
     * as {@code com.example.Foo} or {@code Foo$Bar} (a setting's name, {@code fg.print.max-queued-per-printer}, is fine).
     * Case-sensitive like the core's, so a printer's "paper out error" or the word "exception" in a person's reason
     * is not mistaken for internals.
     */
    private static final Pattern INTERNALS = Pattern.compile(
            "Exception|Throwable|\\bat [a-z]\\w*\\.|\\bjava\\.|\\bjavax\\.|\\bjdk\\.|\\bsun\\.|SQL|[Ss]qlite|jdbc"
                    + "|[Nn]etty|[Mm]icronaut|fasterxml|[Jj]ackson|floorgate\\.|\\w\\$\\w"
                    + "|\\b[a-z]\\w*(\\.[a-z]\\w*)+\\.[A-Z]");

    private ClientMessages() {
    }

    /** True when {@code message} may go to a client as it is. */
    static boolean isSafe(String message) {
        return message != null && !message.isBlank() && !INTERNALS.matcher(message).find();
    }

    /** {@code message} when safe, otherwise the generic text for {@code status}. */
    static String safe(String message, int status) {
        return isSafe(message) ? message : generic(status);
    }

    /** The text for a status whose own message was not safe to show (or that has none). */
    static String generic(int status) {
        if (status >= 500) {
            return status == 503 ? "the gateway cannot serve this now; retry later"
                    : "internal error; see the gateway log";
        }
        switch (status) {
            case 400:
                return "the request could not be read";
            case 401:
                return "no valid credential";
            case 403:
                return "forbidden";
            case 404:
                return "not found";
            case 405:
                return "this method is not allowed here";
            case 406:
                return "this route answers application/json";
            case 413:
                return "the request body is too large";
            case 415:
                return "the body must be application/json";
            default:
                return "the request was refused";
        }
    }
}
