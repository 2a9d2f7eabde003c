package dev.floorgate.pda.internal;

import java.io.IOException;
import java.io.Reader;

/**
 * The server-sent events wire format (WHATWG HTML, "event stream interpretation"), push style: feed it
 * characters, it calls its {@link Handler} once per complete event. Lines end in CR LF, LF or CR (also split
 * across feeds); {@code data:} lines join with LF; a line starting with {@code :} is a comment; {@code id:}
 * sets the last event id (kept across events, as the spec says, and sent back as {@code Last-Event-ID});
 * {@code retry:} with digits only sets the reconnection time; a blank line dispatches; an event with no data
 * is not dispatched; a partial event at end of stream is dropped.
 *
 * <p>Bounded: a line longer than {@code maxLineChars} is discarded up to its end, and so is the event it is
 * part of, as is an event whose data grows past {@code maxDataChars}; parsing goes on with the next event and
 * {@link Handler#onDiscarded} says what was dropped. Not thread-safe.
 */
public final class SseParser {
    /** Receives what the stream says. */
    public interface Handler {
        /** A complete event: the last event id (null when none was ever set), its type, its data. */
        void onEvent(String lastEventId, String type, String data) throws IOException;

        /** A {@code retry:} field: the server's reconnection delay. */
        default void onRetry(long millis) {
        }

        /** An event (or part of one) was dropped for breaking a bound. */
        default void onDiscarded(String reason) {
        }
    }

    private final int maxLineChars;
    private final int maxDataChars;
    private final Handler handler;
    private final StringBuilder line = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private String eventType;
    private String lastEventId;
    private boolean afterCr;
    private boolean discardingLine;
    private boolean discardingEvent;
    private boolean startOfStream = true;

    public SseParser(int maxLineChars, int maxDataChars, String lastEventId, Handler handler) {
        if (maxLineChars < 1 || maxDataChars < 1) {
            throw new IllegalArgumentException("SSE bounds must be positive: maxLineChars " + maxLineChars
                    + ", maxDataChars " + maxDataChars);
        }
        this.maxLineChars = maxLineChars;
        this.maxDataChars = maxDataChars;
        this.lastEventId = lastEventId;
        this.handler = handler;
    }

    /** The id the stream set last (or the one given at construction), or null. */
    public String lastEventId() {
        return lastEventId;
    }

    /** Reads {@code in} to its end. A partial event at the end is dropped (the stream broke mid-event). */
    public void read(Reader in) throws IOException {
        char[] buffer = new char[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            feed(buffer, 0, n);
        }
        endOfStream();
    }

    /** Feeds characters; whole lines are interpreted as they complete. */
    public void feed(char[] chars, int offset, int len) throws IOException {
        for (int i = offset; i < offset + len; i++) {
            char c = chars[i];
            if (startOfStream) {
                startOfStream = false;
                if (c == '\uFEFF') {
                    continue; // a byte order mark at the very start is not part of the first line
                }
            }
            if (afterCr) {
                afterCr = false;
                if (c == '\n') {
                    continue; // the LF of a CR LF pair
                }
            }
            if (c == '\r' || c == '\n') {
                afterCr = c == '\r';
                endOfLine();
            } else if (!discardingLine) {
                if (line.length() == maxLineChars) {
                    discardingLine = true;
                    discardingEvent = true;
                    handler.onDiscarded("line of more than " + maxLineChars + " characters");
                    line.setLength(0);
                } else {
                    line.append(c);
                }
            }
        }
    }

    /** Drops any partial line and event: the stream ended or broke. The last event id is kept. */
    public void endOfStream() {
        line.setLength(0);
        resetEvent();
        discardingLine = false;
        afterCr = false;
        startOfStream = true;
    }

    private void endOfLine() throws IOException {
        if (discardingLine) {
            discardingLine = false;
            return;
        }
        String l = line.toString();
        line.setLength(0);
        if (l.isEmpty()) {
            dispatch();
        } else if (l.charAt(0) != ':') { // lines starting with ':' are comments (keep-alives)
            int colon = l.indexOf(':');
            String field = colon < 0 ? l : l.substring(0, colon);
            String value = colon < 0 ? "" : l.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            field(field, value);
        }
    }

    private void field(String name, String value) {
        switch (name) {
            case "event":
                eventType = value;
                break;
            case "data":
                if (!discardingEvent) {
                    if (data.length() + value.length() + 1 > maxDataChars) {
                        discardingEvent = true;
                        data.setLength(0);
                        handler.onDiscarded("event data of more than " + maxDataChars + " characters");
                    } else {
                        data.append(value).append('\n');
                    }
                }
                break;
            case "id":
                if (value.indexOf('\u0000') < 0) {
                    lastEventId = value;
                }
                break;
            case "retry":
                if (!value.isEmpty() && value.length() <= 18 && allDigits(value)) {
                    handler.onRetry(Long.parseLong(value));
                }
                break;
            default:
                break; // unknown fields are ignored
        }
    }

    private void dispatch() throws IOException {
        if (discardingEvent || data.length() == 0) {
            resetEvent();
            return;
        }
        String d = data.substring(0, data.length() - 1); // the last data line's LF is not part of the data
        String type = eventType == null || eventType.isEmpty() ? "message" : eventType;
        resetEvent();
        handler.onEvent(lastEventId, type, d);
    }

    private void resetEvent() {
        data.setLength(0);
        eventType = null;
        discardingEvent = false;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
