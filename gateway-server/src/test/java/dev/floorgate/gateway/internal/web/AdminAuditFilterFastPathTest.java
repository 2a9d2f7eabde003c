package dev.floorgate.gateway.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.gateway.GatewayConfiguration;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which requests the audit filter answers on the event loop; AdminApiTest checks what it records. */
class AdminAuditFilterFastPathTest {
    private final ExecutorService blocking = Executors.newSingleThreadExecutor();
    private final GatewayConfiguration config = new GatewayConfiguration() {
        @Override
        public String getDataDir() {
            return "./data";
        }

        @Override
        public String getAdminToken() {
            return "site-admin-secret";
        }
    };
    // no sessions and no audit log: a request on the fast path must not touch them
    private final AdminAuditFilter filter;

    AdminAuditFilterFastPathTest() {
        filter = new AdminAuditFilter(null, config, null, null, blocking); // nor the JSON mapper
    }

    @AfterEach
    void stop() {
        blocking.shutdownNow();
    }

    @Test
    void aDevicesOperationIsAnsweredWithoutAuditWorkOnTheCallersThread() {
        HttpRequest<?> pick = HttpRequest.POST("/api/v1/operations", "[]").bearerAuth("fgd_abc");
        MutableHttpResponse<?> accepted = HttpResponse.accepted();
        assertThat(filter.mayBeAudited(pick)).isFalse();
        CompletableFuture<MutableHttpResponse<?>> out = filter.record(pick, accepted);
        assertThat(out).as("answered on the caller's thread, nothing queued").isCompletedWithValue(accepted);
    }

    @Test
    void readsSignInAndStrangersAreNeverAudited() {
        assertThat(filter.mayBeAudited(HttpRequest.GET("/api/v1/admin/overview").bearerAuth("site-admin-secret")))
                .isFalse();
        assertThat(filter.mayBeAudited(HttpRequest.POST("/api/v1/admin/login", "{}"))).isFalse();
        assertThat(filter.mayBeAudited(HttpRequest.POST("/api/v1/admin/logout", "{}").bearerAuth("fgs_x")))
                .isFalse();
        assertThat(filter.mayBeAudited(HttpRequest.POST("/api/v1/print-jobs", "{}").bearerAuth("wrong-token")))
                .isFalse();
    }

    @Test
    void changesByTheAdminTokenOrASessionGoToTheAuditPath() {
        assertThat(filter.mayBeAudited(HttpRequest.POST("/api/v1/admin/devices/pda-1/revoke", "")
                .bearerAuth("site-admin-secret"))).isTrue();
        assertThat(filter.mayBeAudited(HttpRequest.POST("/api/v1/print-jobs/j1/reprint", "")
                .bearerAuth("fgs_session"))).isTrue();
        assertThat(filter.mayBeAudited(HttpRequest.DELETE("/api/v1/admin/printers/p1")
                .bearerAuth("site-admin-secret"))).isTrue();
    }
}
