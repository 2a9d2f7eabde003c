package dev.floorgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SignatureTest {
    private static final String SECRET = "test-secret-0123456789";
    private static final long NOW = 1_763_800_530_120L;
    private static final byte[] BODY = "{\"gatewayId\":\"gw\",\"operations\":[]}".getBytes(StandardCharsets.UTF_8);

    private final AtomicLong clock = new AtomicLong(NOW);
    private final SignatureVerifier verifier = new SignatureVerifier(ApiKeys.parse("gw-1:" + SECRET + ":acme|beta"),
            new InMemoryNonceStore(clock::get), clock::get, SignatureVerifier.DEFAULT_WINDOW_MILLIS);
    private final RequestSigner signer = new RequestSigner("gw-1", SECRET, clock::get);

    /** The stored vectors were computed outside Java; any client in any language can check itself against them. */
    static Stream<Map<String, String>> vectors() throws IOException {
        List<Map<String, String>> vectors = new ArrayList<>();
        try (InputStream in = SignatureTest.class.getResourceAsStream("/signature-vectors.json");
                JsonParser p = new JsonFactory().createParser(in)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && "vectors".equals(p.currentName())) {
                    p.nextToken(); // START_ARRAY
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        Map<String, String> v = new HashMap<>();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            p.nextToken();
                            v.put(name, p.getText());
                        }
                        vectors.add(v);
                    }
                }
            }
        }
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(3);
        return vectors.stream();
    }

    @ParameterizedTest(name = "vector {0}")
    @MethodSource("vectors")
    void signatureMatchesStoredVector(Map<String, String> v) {
        byte[] body = v.get("body").getBytes(StandardCharsets.UTF_8);
        long ts = Long.parseLong(v.get("timestamp"));
        assertThat(CanonicalRequest.canonical(v.get("method"), v.get("path"), ts, v.get("nonce"), body))
                .isEqualTo(v.get("canonical"));
        assertThat(CanonicalRequest.signature(v.get("secret").getBytes(StandardCharsets.UTF_8), v.get("method"),
                v.get("path"), ts, v.get("nonce"), body)).isEqualTo(v.get("signature"));
    }

    @Test
    void aSignedRequestVerifiesAndYieldsItsKeyAndTenants() {
        Map<String, String> h = signer.headers("POST", "/v1/operations:batch", BODY);
        ApiKey key = verifier.verify("POST", "/v1/operations:batch", h::get, BODY);
        assertThat(key.keyId()).isEqualTo("gw-1");
        assertThat(key.tenants()).containsExactly("acme", "beta");
        assertThat(h.get(SignedHeaders.NONCE)).hasSizeGreaterThanOrEqualTo(16);
    }

    @Test
    void changingAnyOnePartOfTheRequestFailsVerification() {
        Map<String, String> h = signer.headers("POST", "/v1/operations:batch?x=1", BODY);
        expectRejected("GET", "/v1/operations:batch?x=1", h, BODY, SignatureRejectedException.Reason.BAD_SIGNATURE);
        expectRejected("POST", "/v1/operations:batch?x=2", h, BODY, SignatureRejectedException.Reason.BAD_SIGNATURE);
        byte[] tampered = BODY.clone();
        tampered[5] ^= 1;
        expectRejected("POST", "/v1/operations:batch?x=1", h, tampered,
                SignatureRejectedException.Reason.BAD_SIGNATURE);
        expectRejected("POST", "/v1/operations:batch?x=1", with(h, SignedHeaders.TIMESTAMP,
                Long.toString(NOW + 1)), BODY, SignatureRejectedException.Reason.BAD_SIGNATURE);
        expectRejected("POST", "/v1/operations:batch?x=1", with(h, SignedHeaders.NONCE,
                h.get(SignedHeaders.NONCE) + "x"), BODY, SignatureRejectedException.Reason.BAD_SIGNATURE);
        String sig = h.get(SignedHeaders.SIGNATURE);
        String flipped = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
        expectRejected("POST", "/v1/operations:batch?x=1", with(h, SignedHeaders.SIGNATURE, flipped), BODY,
                SignatureRejectedException.Reason.BAD_SIGNATURE);
        expectRejected("POST", "/v1/operations:batch?x=1", with(h, SignedHeaders.KEY, "gw-2"), BODY,
                SignatureRejectedException.Reason.UNKNOWN_KEY);
        // A signature made with another secret for the same key id.
        Map<String, String> forged = new RequestSigner("gw-1", "some-other-secret-000", clock::get)
                .headers("POST", "/v1/operations:batch?x=1", BODY);
        expectRejected("POST", "/v1/operations:batch?x=1", forged, BODY,
                SignatureRejectedException.Reason.BAD_SIGNATURE);
        // The untouched request still verifies: the failures above did not burn its nonce.
        assertThat(verifier.verify("POST", "/v1/operations:batch?x=1", h::get, BODY).keyId()).isEqualTo("gw-1");
    }

    @Test
    void anOldOrFutureTimestampIsRefused() {
        Map<String, String> old = signer.headers("GET", "/v1/stock/acme/SH01/S", new byte[0], NOW - 300_001,
                "nonce-old-000000000000");
        expectRejected("GET", "/v1/stock/acme/SH01/S", old, new byte[0],
                SignatureRejectedException.Reason.STALE_TIMESTAMP);
        Map<String, String> future = signer.headers("GET", "/v1/stock/acme/SH01/S", new byte[0], NOW + 300_001,
                "nonce-future-000000000");
        expectRejected("GET", "/v1/stock/acme/SH01/S", future, new byte[0],
                SignatureRejectedException.Reason.STALE_TIMESTAMP);
        Map<String, String> edge = signer.headers("GET", "/v1/stock/acme/SH01/S", new byte[0], NOW - 300_000,
                "nonce-edge-00000000000");
        assertThat(verifier.verify("GET", "/v1/stock/acme/SH01/S", edge::get, new byte[0])).isNotNull();
    }

    @Test
    void aReusedNonceIsRefusedAsAReplayWithinTheWindow() {
        Map<String, String> h = signer.headers("POST", "/v1/operations:batch", BODY);
        verifier.verify("POST", "/v1/operations:batch", h::get, BODY);
        expectRejected("POST", "/v1/operations:batch", h, BODY, SignatureRejectedException.Reason.REPLAYED_NONCE);
        // The same nonce with a fresh timestamp and a valid signature is still a replay inside the window.
        Map<String, String> again = signer.headers("POST", "/v1/operations:batch", BODY, NOW + 1000,
                h.get(SignedHeaders.NONCE));
        expectRejected("POST", "/v1/operations:batch", again, BODY, SignatureRejectedException.Reason.REPLAYED_NONCE);
    }

    @Test
    void missingHeadersAndShortNoncesAreRefused() {
        Map<String, String> h = signer.headers("POST", "/v1/operations:batch", BODY);
        Map<String, String> missing = new HashMap<>(h);
        missing.remove(SignedHeaders.SIGNATURE);
        expectRejected("POST", "/v1/operations:batch", missing, BODY,
                SignatureRejectedException.Reason.MISSING_HEADERS);
        Map<String, String> shortNonce = signer.headers("POST", "/v1/operations:batch", BODY, NOW, "short");
        expectRejected("POST", "/v1/operations:batch", shortNonce, BODY, SignatureRejectedException.Reason.BAD_NONCE);
        expectRejected("POST", "/v1/operations:batch", with(h, SignedHeaders.TIMESTAMP, "soon"), BODY,
                SignatureRejectedException.Reason.BAD_TIMESTAMP);
    }

    @Test
    void keySpecsAreParsedWithClearErrors() {
        Map<String, ApiKey> keys = ApiKeys.parse("a:0123456789abcdef:t1|t2, b:fedcba9876543210:t3");
        assertThat(keys.get("a").holds("t2")).isTrue();
        assertThat(keys.get("b").holds("t1")).isFalse();
        assertThat(keys.get("a").toString()).doesNotContain("0123456789abcdef");
        assertThat(ApiKeys.parse(null)).isEmpty();
        assertThatThrownBy(() -> ApiKeys.parse("a:0123456789abcdef")).hasMessageContaining("entry 0");
        assertThatThrownBy(() -> ApiKeys.parse("a:short:t1")).hasMessageContaining("at least 16");
        assertThatThrownBy(() -> ApiKeys.parse("a:0123456789abcdef:t1,a:0123456789abcdef:t2"))
                .hasMessageContaining("twice");
    }

    private void expectRejected(String method, String path, Map<String, String> headers, byte[] body,
            SignatureRejectedException.Reason reason) {
        assertThatThrownBy(() -> verifier.verify(method, path, headers::get, body))
                .isInstanceOfSatisfying(SignatureRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static Map<String, String> with(Map<String, String> h, String name, String value) {
        Map<String, String> copy = new HashMap<>(h);
        copy.put(name, value);
        return copy;
    }
}
