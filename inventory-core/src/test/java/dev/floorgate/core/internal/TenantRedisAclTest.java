package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultStatus;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What layout 2 makes possible (issue 17 item 4, docs/TENANTS.md "Redis"): every key of a tenant's stock matches
 * <code>fg:&#123;fg:&lt;tenant&gt;:*</code>, so a real Redis ACL user limited to that pattern reads acme's stock,
 * results and write-back stream and is refused every key of beta's, and the core's set of tenants lists both.
 */
class TenantRedisAclTest {
    private static final String USER = "fg-acme-reader";

    @Test
    void anAclUserLimitedToAcmesTagReadsAcmesKeysAndIsRefusedBetas() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase();
                CoreHarness core = CoreHarness.start(redis.uri(), db, Map.of("fg.core.writeback.enabled", "false"))) {
            core.seed(core.acme, "acme", "SH01", "SKU-1");
            core.seed(core.multi, "beta", "SH01", "SKU-1");
            assertThat(apply(core.acme, op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 5)).status())
                    .isEqualTo(ResultStatus.APPLIED);
            assertThat(apply(core.multi, op("beta", "SH01", OperationType.RECEIVE, "SKU-1", 9)).status())
                    .isEqualTo(ResultStatus.APPLIED);
            KeyLayout keys = core.bean(KeyLayout.class);
            String acme = KeyLayout.recordId("acme", "SH01", "SKU-1");
            String beta = KeyLayout.recordId("beta", "SH01", "SKU-1");
            assertThat(core.bean(TenantRegistry.class).fresh()).containsExactly("acme", "beta");
            int port = redis.ports().get(0);
            // same sku, same warehouse: the tenant alone puts them in different tags
            assertThat(keys.stockKey(acme)).startsWith("fg:{fg:acme:");
            assertThat(keys.stockKey(beta)).startsWith("fg:{fg:beta:");

            String created = RedisProcess.command(port, "ACL", "SETUSER", USER, "on", ">acme-reader-password",
                    "resetkeys", "~fg:{fg:acme:*", "-@all", "+@read");
            assertThat(created).startsWith("+OK");
            RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(port)
                    .withAuthentication(USER, "acme-reader-password").withTimeout(Duration.ofSeconds(5)).build());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisCommands<String, String> asAcme = connection.sync();
                assertThat(asAcme.hgetall(keys.stockKey(acme))).containsEntry("oh", "5").containsEntry("us", "5");
                assertThat(asAcme.xlen(keys.bucket(acme).stream())).as("acme's write-back stream").isEqualTo(1);
                assertThat(asAcme.smembers(keys.bucket(acme).records())).containsExactly(acme);
                for (String betaKey : List.of(keys.stockKey(beta), keys.bucket(beta).stream(),
                        keys.bucket(beta).records())) {
                    assertThatThrownBy(() -> asAcme.type(betaKey)).as(betaKey)
                            .isInstanceOf(RedisCommandExecutionException.class).hasMessageContaining("NOPERM");
                }
                assertThatThrownBy(() -> asAcme.hset(keys.stockKey(acme), "oh", "99")).as("read only")
                        .isInstanceOf(RedisCommandExecutionException.class).hasMessageContaining("NOPERM");
            } finally {
                client.shutdown();
                assertThat(RedisProcess.command(port, "ACL", "DELUSER", USER)).startsWith(":1");
            }
            assertThat(RedisProcess.command(port, "ACL", "LIST")).doesNotContain(USER);
            assertThat(RedisProcess.command(port, "HGET", keys.stockKey(acme), "oh")).contains("5");
        }
    }
}
