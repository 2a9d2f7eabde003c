package dev.floorgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.gateway.TestGateway;
import dev.floorgate.gateway.internal.tls.SiteCertificates;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 5, the sweep: every route the gateway's router knows (so a new endpoint is swept without touching
 * this test), on both listeners (HTTPS and plain HTTP, a gateway with both serving the API), gets a request
 * without credentials and, when it takes a body, malformed JSON, JSON of the wrong shape, invalid UTF-8, a wrong
 * content type and a body beyond the 8 MiB limit. Each answer must be the documented status (401/403, 400/422,
 * 415, 413), never a 5xx, in the documented body {@code {"error": CODE, "message": ...}}, and carry no stack
 * trace, Java class or package name or file path. Path variables get a made-up id, so an endpoint may also
 * answer 404 for it, in the same body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointSweepTest {
    /**
     * Routes anyone may call: health, metrics, the CA, the API document, enrolment, sign-in and sign-out (without a
     * session it changes nothing), the page entries (redirects to the pages), and the picker app's download and
     * version (a PDA asks before it is enrolled). A new route missing here must
     * refuse a request without credentials.
     */
    private static final Set<String> PUBLIC = Set.of("GET /health", "GET /metrics", "GET /ca.crt",
            "GET /openapi.yml", "POST /api/v1/devices/enroll", "POST /api/v1/admin/login",
            "POST /api/v1/admin/logout", "GET /", "GET /pick", "GET /admin", "GET /ca.pem", "GET /api/v1/app",
            "GET /app/floorgate-picker.apk");
    /** Routes whose body is not JSON (a parcel photo is the JPEG itself): any JSON body is the wrong type, 415. */
    private static final Set<String> NOT_JSON = Set.of("POST /api/v1/photos");
    private static final Pattern ERROR_BODY = Pattern.compile(
            "\\{\"error\":\"[A-Z_]+\",\"message\":\"[^\"]*\".*\\}", Pattern.DOTALL);
    /** A stack frame, a class or package name of ours, Java's or the framework's, or a path on this machine. */
    private static final Pattern LEAK = Pattern.compile("\\tat |\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(|dev\\.floorgate\\."
            + "|\\bjava\\.|\\bjavax\\.|io\\.micronaut|io\\.netty|com\\.fasterxml|[A-Za-z]+Exception\\b"
            + "|(?<![A-Za-z0-9])/(home|root|tmp|var|usr|etc|work|proc|opt)/|\\.java:\\d+");
    private static final int HUGE = 9 * 1024 * 1024;

    @TempDir
    static Path dataDir;
    private TestGateway gateway;
    private HttpClient https;
    private final HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private String device;

    @BeforeAll
    void start() throws Exception {
        gateway = new TestGateway(dataDir, Map.of("fg.tls.enabled", true, "fg.gateway.plain-http", true));
        https = trusting(gateway.context().getBean(SiteCertificates.class).caCertificate());
        device = gateway.enroll("pda-sweep", "acme", "SH01");
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    /** One route as the router lists it, with its path variables filled in. */
    record Route(String method, String template, String path, boolean readsBody) {
        boolean takesBody() {
            return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        }

        String name() {
            return method + " " + template;
        }
    }

    private List<Route> routes() {
        List<Route> out = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (UriRouteInfo<?, ?> r : gateway.context().getBean(Router.class).uriRoutes().toList()) {
            String template = r.getUriMatchTemplate().toString();
            String method = r.getHttpMethod().name();
            if (r.getHttpMethod() == HttpMethod.HEAD || r.getHttpMethod() == HttpMethod.OPTIONS
                    || !seen.add(method + " " + template)) {
                continue;
            }
            String path = template.replaceAll("\\{\\?[^}]*}", "").replaceAll("\\{[^}]*}", "sweep-1");
            out.add(new Route(method, template, path, r.getBodyArgument().isPresent()));
        }
        return out;
    }

    @Test
    void everyEndpointOnBothListenersAnswersBadRequestsWithTheDocumentedStatusAndBodyAndNoInternals()
            throws Exception {
        List<Route> routes = routes();
        assertThat(routes).as("the router's routes").hasSizeGreaterThan(40);
        SoftAssertions soft = new SoftAssertions();
        int requests = 0;
        for (String base : List.of(gateway.httpsUrl(""), gateway.url(""))) {
            HttpClient client = base.startsWith("https") ? https : plain;
            for (Route route : routes) {
                String where = base.substring(0, base.indexOf(':')) + " " + route.name();
                HttpResponse<String> r = send(client, base, route, null, "application/json",
                        route.takesBody() ? "{}".getBytes(StandardCharsets.UTF_8) : null);
                requests++;
                if (!PUBLIC.contains(route.name())) {
                    soft.assertThat(r.statusCode()).as(where + " without credentials: " + r.body()).isIn(401, 403);
                }
                audit(soft, where + " without credentials", r);
                if (!route.takesBody()) {
                    continue;
                }
                String token = route.path().startsWith("/api/v1/admin/") ? TestGateway.ADMIN_TOKEN : device;
                Object[][] bodyCases = {
                    {"malformed JSON", "application/json", "{\"a\":".getBytes(StandardCharsets.UTF_8),
                        Set.of(400, 422)},
                    {"wrong types", "application/json", "[1,\"two\",{\"three\":[]}]".getBytes(StandardCharsets.UTF_8),
                        Set.of(400, 422)},
                    {"invalid UTF-8", "application/json", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '(',
                        (byte) 0xFF, '"', '}'}, Set.of(400, 422)},
                    {"wrong content type", "text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), Set.of(415)},
                };
                List<Object[]> cases = new ArrayList<>();
                if (route.readsBody()) {
                    cases.addAll(List.of(bodyCases));
                }
                // every route, with a body or not: a route that reads none must not take 9 MiB either
                cases.add(new Object[] {"a body over 8 MiB", "application/json", huge(), Set.of(413)});
                for (Object[] c : cases) {
                    HttpResponse<String> answer = send(client, base, route, token, (String) c[1], (byte[]) c[2]);
                    requests++;
                    @SuppressWarnings("unchecked")
                    Set<Integer> expected = new TreeSet<>((Set<Integer>) c[3]);
                    if (NOT_JSON.contains(route.name()) && !c[0].equals("a body over 8 MiB")) {
                        expected = new TreeSet<>(Set.of(415));
                    }
                    if (!route.path().equals(route.template()) && !c[0].equals("a body over 8 MiB")) {
                        expected.add(404); // the made-up id may be looked up first
                    }
                    soft.assertThat(answer.statusCode()).as(where + " with " + c[0] + ": " + answer.body())
                            .isIn(expected.toArray());
                    audit(soft, where + " with " + c[0], answer);
                }
            }
        }
        System.out.println("EndpointSweepTest: " + routes.size() + " routes x 2 listeners, " + requests
                + " requests");
        soft.assertAll();
    }

    private static void audit(SoftAssertions soft, String where, HttpResponse<String> r) {
        soft.assertThat(r.statusCode()).as(where + " is not a server error: " + r.body()).isLessThan(500);
        if (r.statusCode() >= 400) {
            soft.assertThat(r.body()).as(where + " answered " + r.statusCode()).matches(ERROR_BODY);
        }
        soft.assertThat(LEAK.matcher(r.body()).find()).as(where + " leaks internals: " + r.body()).isFalse();
    }

    private static byte[] huge() {
        byte[] body = new byte[HUGE];
        java.util.Arrays.fill(body, (byte) 'x');
        byte[] head = "{\"a\":\"".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, body, 0, head.length);
        body[HUGE - 2] = '"';
        body[HUGE - 1] = '}';
        return body;
    }

    private static HttpResponse<String> send(HttpClient client, String base, Route route, String token,
            String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + route.path()))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .method(route.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient trusting(X509Certificate ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("site-ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }
}
