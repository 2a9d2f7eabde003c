package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.protocol.SettingsCheck;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** fg.redis.uri in the Sentinel form and fg.redis.wait-*: what the start accepts and the one line it refuses with. */
class RedisSentinelSettingsTest {
    @Test
    void aSentinelUriWithItsMasterNameIsAcceptedAndReadAsOneUriOfThreeSentinels() {
        String uri = "redis-sentinel://s1.example:26379,s2.example:26380,s3.example#mymaster";
        check(Map.of("fg.redis.uri", uri, "fg.redis.wait-replicas", "1", "fg.redis.wait-timeout", "500ms"));
        assertThat(RedisConnector.parse(uri, Duration.ofSeconds(2))).singleElement().satisfies(u -> {
            assertThat(u.getSentinelMasterId()).isEqualTo("mymaster");
            assertThat(u.getSentinels()).extracting(RedisURI::getHost)
                    .containsExactly("s1.example", "s2.example", "s3.example");
            assertThat(u.getSentinels()).extracting(RedisURI::getPort).containsExactly(26379, 26380, 26379);
            assertThat(u.getTimeout()).isEqualTo(Duration.ofSeconds(2));
        });
    }

    @Test
    void aPasswordInABadSentinelUriIsNeverPrinted() {
        assertThatThrownBy(() -> check(Map.of("fg.redis.uri", "redis-sentinel://hunter2secret@s1:26379")))
                .hasMessageStartingWith("fg.redis.uri: the Sentinel URI names no master")
                .hasMessageContaining("fix: set FG_REDIS_URI (fg.redis.uri) to redis-sentinel://")
                .hasMessageNotContaining("hunter2secret");
    }

    @Test
    void waitingForReplicasIsAcceptedWithAClusterAndItsBoundsStillHold() {
        // a cluster fences and waits on every master (ClusterWaits), so the setting is as valid as with Sentinel
        check(Map.of("fg.redis.uri", "redis://h1:7000,redis://h2:7001", "fg.redis.wait-replicas", "1"));
        check(Map.of("fg.redis.uri", "redis://h1:7000", "fg.redis.cluster", "true", "fg.redis.wait-replicas", "2"));
        check(Map.of("fg.redis.uri", "redis://h1:7000,redis://h2:7001", "fg.redis.wait-replicas", "0"));
        assertThatThrownBy(() -> check(Map.of("fg.redis.uri", "redis://h1:7000,redis://h2:7001",
                "fg.redis.wait-replicas", "65")))
                .hasMessageStartingWith("fg.redis.wait-replicas: must be a whole number 0..64");
    }

    private static void check(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        CoreSettingsCheck.check(new SettingsCheck(all::get));
    }
}
