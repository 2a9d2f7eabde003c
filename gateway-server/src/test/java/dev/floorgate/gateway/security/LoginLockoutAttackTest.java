package dev.floorgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.gateway.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 finding 5, replayed on a real gateway: the admin lockout raced by parallel wrong passwords, weak new
 * passwords, and an attacker keeping the admin locked out from one address.
 */
class LoginLockoutAttackTest {
    static final String PASSWORD = "forklift-on-aisle-9";
    static final int LIMIT = 5; // fg.web.login-failures, the default

    @TempDir
    Path dataDir;
    TestGateway gateway;

    @BeforeEach
    void start() {
        gateway = new TestGateway(dataDir, Map.of("fg.web.login-lockout", "30s"));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    HttpResponse<String> login(String user, String password) throws Exception {
        return gateway.post("/api/v1/admin/login", null, "{\"username\":\"" + user + "\",\"password\":\"" + password
                + "\"}");
    }

    /** Signs in with the initial password and changes it; returns the session token. */
    String signedIn() throws Exception {
        HttpResponse<String> first = login("admin", "floorgate");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String token = TestGateway.field(first.body(), "token");
        HttpResponse<String> changed = gateway.post("/api/v1/admin/password", token,
                "{\"currentPassword\":\"floorgate\",\"newPassword\":\"" + PASSWORD + "\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        return token;
    }

    @Test
    void fortyParallelWrongPasswordsGetAtMostTheLimitOf401sTheRestAreRefusedBeforeTheHash() throws Exception {
        signedIn();
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String guess = "guess-number-" + i;
                Callable<HttpResponse<String>> attempt = () -> {
                    go.await();
                    return login("admin", guess);
                };
                answers.add(pool.submit(attempt));
            }
            go.countDown();
            int unauthorized = 0;
            int locked = 0;
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get();
                if (r.statusCode() == 401) {
                    unauthorized++;
                } else {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
                    assertThat(r.body()).contains("LOCKED_OUT");
                    locked++;
                }
            }
            assertThat(unauthorized).as("wrong passwords actually tried (hashed)").isLessThanOrEqualTo(LIMIT);
            assertThat(unauthorized + locked).isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
        assertThat(login("admin", PASSWORD).statusCode()).as("locked from this address, even the right password")
                .isEqualTo(429);
    }

    @Test
    void oneAddressCannotKeepTheAdminLockedOutEverywhere() throws Exception {
        signedIn();
        for (int i = 0; i < 30; i++) { // an attacker at 127.0.0.1 keeps guessing
            int status = login("admin", "attacker-guess-" + i).statusCode();
            assertThat(status).isIn(401, 429);
        }
        assertThat(login("admin", PASSWORD).statusCode()).isEqualTo(429);
        FromAddress.Answer office = FromAddress.post("127.0.0.2", gateway.plainPort(), "/api/v1/admin/login",
                "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(office.status()).as("site IT at another address signs in: " + office.body()).isEqualTo(200);
    }

    @Test
    void oneAddressSprayingUnknownNamesIsRateLimited() throws Exception {
        int refused = 0;
        for (int i = 0; i < 25; i++) {
            HttpResponse<String> r = login("nobody-" + i, "whatever-" + i);
            if (r.statusCode() == 429) {
                assertThat(r.body()).contains("TOO_MANY_ATTEMPTS");
                refused++;
            } else {
                assertThat(r.statusCode()).isEqualTo(401);
            }
        }
        assertThat(refused).as("fg.web.login-address-failures (20) per address, whatever the names").isEqualTo(5);
        assertThat(login("admin", "floorgate").statusCode()).as("the address waits, for every name").isEqualTo(429);
        assertThat(FromAddress.post("127.0.0.3", gateway.plainPort(), "/api/v1/admin/login",
                "{\"username\":\"admin\",\"password\":\"floorgate\"}").status()).as("another address does not")
                .isEqualTo(200);
    }

    @Test
    void weakNewPasswordsAreRefusedNamingTheRule() throws Exception {
        HttpResponse<String> first = login("admin", "floorgate");
        String token = TestGateway.field(first.body(), "token");
        Map<String, String> weak = Map.of(
                "aaaaaaaaaa", "at least 5 different characters",
                "password123", "list of common passwords",
                "PassWord123", "list of common passwords",
                "qwertyuiop", "list of common passwords",
                "the-admin-is-me", "must not contain the user name",
                "Floorgate", "must be 10 to 200 characters",
                "FLOORGATE123", "list of common passwords");
        for (Map.Entry<String, String> w : weak.entrySet()) {
            HttpResponse<String> r = gateway.post("/api/v1/admin/password", token,
                    "{\"currentPassword\":\"floorgate\",\"newPassword\":\"" + w.getKey() + "\"}");
            assertThat(r.statusCode()).as(w.getKey() + ": " + r.body()).isEqualTo(400);
            assertThat(r.body()).as(w.getKey()).contains("WEAK_PASSWORD").contains(w.getValue());
        }
        HttpResponse<String> ok = gateway.post("/api/v1/admin/password", token,
                "{\"currentPassword\":\"floorgate\",\"newPassword\":\"" + PASSWORD + "\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    }
}
