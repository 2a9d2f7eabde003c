package dev.floorgate.gateway.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.floorgate.gateway.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 5, the gateway: an unexpected exception in a request (a bug, here {@link FailingRouteController}) is a 500 whose
 * body is {@code {"error":"INTERNAL","message":"... error id <id>"}} without class names, stack frames or paths,
 * and the log line with the stack trace carries the same id.
 */
class UnexpectedErrorBodyTest {
    private static final Pattern ID = Pattern.compile("error id ([0-9a-f]{12})\"");

    @TempDir
    Path dataDir;

    @Test
    void anUnexpectedExceptionIsA500WithAnErrorIdThatTheLogCarriesAndNoInternals() throws Exception {
        try (TestGateway gateway = new TestGateway(dataDir, Map.of("fg.test.failing-route", "true"))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url("/test-only/fail"))).GET().build();
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream original = System.out;
            // logback's console appender writes to whatever System.out is at the time of each line
            System.setOut(new PrintStream(tee(original, log), true, StandardCharsets.UTF_8));
            HttpResponse<String> first;
            HttpResponse<String> second;
            try {
                first = http.send(request, HttpResponse.BodyHandlers.ofString());
                second = http.send(request, HttpResponse.BodyHandlers.ofString());
            } finally {
                System.out.flush();
                System.setOut(original);
            }

            assertThat(first.statusCode()).isEqualTo(500);
            assertThat(first.body()).startsWith("{\"error\":\"INTERNAL\",\"message\":\"internal error; see the gateway log,"
                    + " error id ");
            for (String leak : new String[] {"Exception", "at dev.", "/work", ".java", "java.", "Secret", "boom",
                    "\tat ", "$"}) {
                assertThat(first.body()).as("body %s holds %s", first.body(), leak).doesNotContain(leak);
            }
            Matcher m = ID.matcher(first.body());
            assertThat(m.find()).as("an error id in %s", first.body()).isTrue();
            String id = m.group(1);
            Matcher m2 = ID.matcher(second.body());
            assertThat(m2.find()).isTrue();
            assertThat(m2.group(1)).as("each failure has its own id").isNotEqualTo(id);

            String logged = log.toString(StandardCharsets.UTF_8);
            assertThat(logged).as("the log line names the request and the id")
                    .contains("GET /test-only/fail failed, error id " + id);
            assertThat(logged).as("the log keeps the cause for the operator").contains(FailingRouteController.LEAKY_MESSAGE);
        }
    }

    private static OutputStream tee(OutputStream a, ByteArrayOutputStream b) {
        return new OutputStream() {
            @Override
            public void write(int c) {
                synchronized (b) {
                    b.write(c);
                }
                try {
                    a.write(c);
                } catch (java.io.IOException ignored) {
                    // the console copy is a courtesy
                }
            }

            @Override
            public void write(byte[] buf, int off, int len) {
                synchronized (b) {
                    b.write(buf, off, len);
                }
                try {
                    a.write(buf, off, len);
                } catch (java.io.IOException ignored) {
                    // the console copy is a courtesy
                }
            }
        };
    }
}
