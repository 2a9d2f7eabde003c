package dev.floorgate.pda.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The SSE wire format as a table: stream text in, events (id|type|data) out, fed whole and one char at a time. */
class SseParserTest {
    /** Collects what the parser reports. */
    static final class Recorder implements SseParser.Handler {
        final List<String> events = new ArrayList<>();
        final List<Long> retries = new ArrayList<>();
        final List<String> discarded = new ArrayList<>();

        @Override
        public void onEvent(String lastEventId, String type, String data) {
            events.add(lastEventId + "|" + type + "|" + data);
        }

        @Override
        public void onRetry(long millis) {
            retries.add(millis);
        }

        @Override
        public void onDiscarded(String reason) {
            discarded.add(reason);
        }
    }

    static List<Arguments> streams() {
        List<Arguments> t = new ArrayList<>();
        t.add(Arguments.of("one event", "data: hello\n\n", List.of("null|message|hello")));
        t.add(Arguments.of("multi-line data joins with LF", "data: a\ndata: b\ndata:\n\n", List.of("null|message|a\nb\n")));
        t.add(Arguments.of("id and event name", "id: 7\nevent: op.result\ndata: {\"id\":7}\n\n",
                List.of("7|op.result|{\"id\":7}")));
        t.add(Arguments.of("comments are keep-alives", ": keep-alive\n\n:x\ndata: y\n\n", List.of("null|message|y")));
        t.add(Arguments.of("CR LF line ends", "data: a\r\n\r\nid: 2\r\ndata: b\r\n\r\n", List.of("null|message|a", "2|message|b")));
        t.add(Arguments.of("CR line ends", "data: a\r\rdata: b\r\r", List.of("null|message|a", "null|message|b")));
        t.add(Arguments.of("only one leading space is removed", "data:x\n\ndata:  two\n\n",
                List.of("null|message|x", "null|message| two")));
        t.add(Arguments.of("the id stays for later events", "id: 5\ndata: a\n\ndata: b\n\n",
                List.of("5|message|a", "5|message|b")));
        t.add(Arguments.of("an id alone dispatches nothing", "id: 9\n\ndata: c\n\n", List.of("9|message|c")));
        t.add(Arguments.of("an empty id clears it", "id: 3\ndata: a\n\nid\ndata: b\n\n", List.of("3|message|a", "|message|b")));
        t.add(Arguments.of("an id with NUL is ignored", "id: 4\ndata: a\n\nid: 5\u0000\ndata: b\n\n",
                List.of("4|message|a", "4|message|b")));
        t.add(Arguments.of("a field without colon has an empty value", "data\n\n", List.of("null|message|")));
        t.add(Arguments.of("no data, no event", "event: x\n\n", List.of()));
        t.add(Arguments.of("unknown fields are ignored", "foo: bar\ndata: z\n\n", List.of("null|message|z")));
        t.add(Arguments.of("a partial event at the end is dropped", "data: a\n\ndata: b", List.of("null|message|a")));
        t.add(Arguments.of("a byte order mark at the start is skipped", "\uFEFFdata: a\n\n", List.of("null|message|a")));
        t.add(Arguments.of("the event name resets after dispatch", "event: op.result\ndata: a\n\ndata: b\n\n",
                List.of("null|op.result|a", "null|message|b")));
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void parsesTheStreamWholeAndCharByChar(String name, String stream, List<String> expected) throws IOException {
        Recorder whole = new Recorder();
        new SseParser(1024, 4096, null, whole).read(new StringReader(stream));
        assertThat(whole.events).as(name).containsExactlyElementsOf(expected);

        Recorder split = new Recorder();
        SseParser parser = new SseParser(1024, 4096, null, split);
        char[] chars = stream.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            parser.feed(chars, i, 1);
        }
        parser.endOfStream();
        assertThat(split.events).as(name + ", fed one char at a time").containsExactlyElementsOf(expected);
    }

    @Test
    void retryWithDigitsOnlySetsTheReconnectionTime() throws IOException {
        Recorder r = new Recorder();
        new SseParser(1024, 4096, null, r).read(new StringReader("retry: 3000\nretry: 3s\nretry:\n\n"));
        assertThat(r.retries).containsExactly(3000L);
    }

    @Test
    void theLastEventIdSurvivesTheEndOfAStreamForTheReconnect() throws IOException {
        Recorder r = new Recorder();
        SseParser p = new SseParser(1024, 4096, "41", r);
        assertThat(p.lastEventId()).isEqualTo("41");
        p.read(new StringReader("id: 42\ndata: a\n\nid: 43\ndata: partial"));
        assertThat(p.lastEventId()).isEqualTo("43"); // id lines count as soon as they are read
        p.read(new StringReader("data: b\n\n"));
        assertThat(r.events).containsExactly("42|message|a", "43|message|b");
    }

    @Test
    void anOverlongLineDropsItsEventAndParsingGoesOn() throws IOException {
        Recorder r = new Recorder();
        new SseParser(10, 4096, null, r).read(new StringReader(
                "data: 0123456789ABCDEF\ndata: rest\n\ndata: ok\n\n"));
        assertThat(r.events).containsExactly("null|message|ok");
        assertThat(r.discarded).containsExactly("line of more than 10 characters");
    }

    @Test
    void overlongDataDropsItsEventAndParsingGoesOn() throws IOException {
        Recorder r = new Recorder();
        new SseParser(100, 8, null, r).read(new StringReader("data: 12345\ndata: 67890\n\ndata: ok\n\n"));
        assertThat(r.events).containsExactly("null|message|ok");
        assertThat(r.discarded).containsExactly("event data of more than 8 characters");
    }

    @Test
    void boundsMustBePositive() {
        assertThatThrownBy(() -> new SseParser(0, 10, null, new Recorder()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLineChars 0");
    }
}
