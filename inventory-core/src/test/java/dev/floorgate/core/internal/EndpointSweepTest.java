package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.RequestSigner;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 18 item 5, the sweep of the core: every route its router knows (so a new endpoint is swept without touching
 * this test) gets a request without a signature or admin token and, when it takes a body, correctly signed
 * malformed JSON, JSON of the wrong shape, invalid UTF-8 and a wrong content type; every route also gets a body
 * over the 8 MiB limit. Each answer must be the documented status (401/403, 400/422, 415, 413), never a 5xx, in the
 * documented body {@code {"error": CODE, "message": ...}}, with no stack trace, Java class or package name or file
 * path. Path variables get made-up values, so an endpoint may also answer 404 for them, in the same body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointSweepTest {
    /** Routes anyone may call: health, metrics and the API document. A new route missing here must refuse. */
    private static final Set<String> PUBLIC = Set.of("GET /health", "GET /metrics", "GET /openapi.yml");
    private static final Pattern ERROR_BODY = Pattern.compile(
            "\\{\"error\":\"[A-Z_]+\",\"message\":\"[^\"]*\".*\\}", Pattern.DOTALL);
    /** A stack frame, a class or package name of ours, Java's or the framework's, or a path on this machine. */
    private static final Pattern LEAK = Pattern.compile("\\tat |\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(|dev\\.floorgate\\."
            + "|\\bjava\\.|\\bjavax\\.|io\\.micronaut|io\\.netty|com\\.fasterxml|io\\.lettuce|org\\.mariadb"
            + "|[A-Za-z]+Exception\\b|(?<![A-Za-z0-9])/(home|root|tmp|var|usr|etc|work|proc|opt)/|\\.java:\\d+");
    private static final int HUGE = 9 * 1024 * 1024;

    private RedisProcess redis;
    private TestDatabase db;
    private CoreHarness core;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final RequestSigner signer = new RequestSigner("gw-acme", "acme-secret-0123456789");

    @BeforeAll
    void start() throws Exception {
        redis = RedisProcess.standalone();
        db = new TestDatabase();
        // photos configured (issue 17) so their routes are swept too; the store is never reached by these requests
        core = CoreHarness.start(redis.uri(), db, Map.of("fg.photos.endpoint", "http://127.0.0.1:1",
                "fg.photos.bucket", "fg-sweep", "fg.photos.access-key", "sweep", "fg.photos.secret-key",
                "sweep-secret-0123456789"));
        core.seed(core.acme, "acme", "SH01", "SKU-1");
    }

    @AfterAll
    void stop() throws Exception {
        core.close();
        db.close();
        redis.close();
    }

    /** One route as the router lists it, with its path variables filled in. */
    record Route(String method, String template, String path, boolean readsBody) {
        String name() {
            return method + " " + template;
        }

        boolean admin() {
            return path.startsWith("/v1/admin/");
        }
    }

    private List<Route> routes() {
        List<Route> out = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (UriRouteInfo<?, ?> r : core.ctx.getBean(Router.class).uriRoutes().toList()) {
            String template = r.getUriMatchTemplate().toString();
            String method = r.getHttpMethod().name();
            if (r.getHttpMethod() == HttpMethod.HEAD || r.getHttpMethod() == HttpMethod.OPTIONS
                    || !seen.add(method + " " + template)) {
                continue;
            }
            // a made-up value per variable: the tenant the key holds, so the request reaches its handler
            String path = template.replaceAll("\\{\\?[^}]*}", "").replaceAll("\\{\\+?tenant}", "acme")
                    .replaceAll("\\{[^}]*}", "sweep-1");
            out.add(new Route(method, template, path, r.getBodyArgument().isPresent()));
        }
        return out;
    }

    @Test
    void everyEndpointAnswersBadRequestsWithTheDocumentedStatusAndBodyAndNoInternals() throws Exception {
        List<Route> routes = routes();
        assertThat(routes).as("the router's routes").hasSizeGreaterThan(20);
        SoftAssertions soft = new SoftAssertions();
        int requests = 0;
        for (Route route : routes) {
            boolean body = route.method().equals("POST") || route.method().equals("PUT")
                    || route.method().equals("PATCH");
            byte[] empty = body ? "{}".getBytes(StandardCharsets.UTF_8) : null;
            HttpResponse<String> r = send(route, false, "application/json", empty);
            requests++;
            if (!PUBLIC.contains(route.name())) {
                soft.assertThat(r.statusCode()).as(route.name() + " without credentials: " + r.body()).isIn(401, 403);
            }
            audit(soft, route.name() + " without credentials", r);
            if (!body) {
                continue;
            }
            List<Object[]> cases = new ArrayList<>();
            if (route.readsBody()) {
                cases.add(new Object[] {"malformed JSON", "application/json", bytes("{\"a\":"), Set.of(400, 422)});
                cases.add(new Object[] {"wrong types", "application/json", bytes("[1,\"two\",{\"three\":[]}]"),
                    Set.of(400, 422)});
                cases.add(new Object[] {"invalid UTF-8", "application/json", new byte[] {'{', '"', 'a', '"', ':', '"',
                    (byte) 0xC3, '(', (byte) 0xFF, '"', '}'}, Set.of(400, 422)});
                cases.add(new Object[] {"wrong content type", "text/csv", bytes("a,b\n1,2\n"), Set.of(415)});
            }
            cases.add(new Object[] {"a body over 8 MiB", "application/json", huge(), Set.of(413)});
            for (Object[] c : cases) {
                HttpResponse<String> answer = send(route, true, (String) c[1], (byte[]) c[2]);
                requests++;
                @SuppressWarnings("unchecked")
                Set<Integer> expected = new TreeSet<>((Set<Integer>) c[3]);
                if (route.template().contains("{") && !c[0].equals("a body over 8 MiB")) {
                    expected.add(404); // the made-up id may be looked up first
                }
                soft.assertThat(answer.statusCode()).as(route.name() + " with " + c[0] + ": " + answer.body())
                        .isIn(expected.toArray());
                audit(soft, route.name() + " with " + c[0], answer);
            }
        }
        System.out.println("EndpointSweepTest: " + routes.size() + " routes, " + requests + " requests");
        soft.assertAll();
    }

    private static void audit(SoftAssertions soft, String where, HttpResponse<String> r) {
        soft.assertThat(r.statusCode()).as(where + " is not a server error: " + r.body()).isLessThan(500);
        if (r.statusCode() >= 400) {
            soft.assertThat(r.body()).as(where + " answered " + r.statusCode()).matches(ERROR_BODY);
        }
        soft.assertThat(LEAK.matcher(r.body()).find()).as(where + " leaks internals: " + r.body()).isFalse();
    }

    private HttpResponse<String> send(Route route, boolean credentials, String contentType, byte[] body)
            throws Exception {
        byte[] bytes = body == null ? new byte[0] : body;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(core.base + route.path()))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .method(route.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (credentials && route.admin()) {
            b.header("Authorization", "Bearer " + CoreHarness.ADMIN_TOKEN);
        } else if (credentials) {
            signer.headers(route.method(), route.path(), bytes).forEach(b::header);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] huge() {
        byte[] body = new byte[HUGE];
        Arrays.fill(body, (byte) 'x');
        byte[] head = bytes("{\"a\":\"");
        System.arraycopy(head, 0, body, 0, head.length);
        body[HUGE - 2] = '"';
        body[HUGE - 1] = '}';
        return body;
    }
}
