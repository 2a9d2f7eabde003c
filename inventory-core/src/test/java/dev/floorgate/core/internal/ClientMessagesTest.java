package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The backstop of every error body: our own sentences pass, anything that looks like internals does not. */
class ClientMessagesTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "write-back lags 12 events behind, more than fg.core.writeback.max-lag 5",
        "opId 0190-abc was first used for a different operation; it is never applied to another body",
        "the database is unreachable", "Redis failed; retry later", "JSON nested deeper than 32 levels at byte 33",
        "malformed JSON at line 1, column 27: Unexpected end-of-input in field name",
        "key 'gw-acme' may not act for tenant 'beta' (it holds [acme])", "sku: must be at most 128 characters"})
    void ourOwnWordsPass(String message) {
        assertThat(ClientMessages.isSafe(message)).isTrue();
        assertThat(ClientMessages.safe(message, "generic")).isEqualTo(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "io.lettuce.core.RedisException: Currently not connected. Commands are rejected.",
        "(conn=42) Table 'floorgate.stock' doesn't exist; SQLState 42S02",
        "Could not connect to address=(host=10.0.0.5)(port=3306): jdbc:mariadb://10.0.0.5",
        "Cannot invoke \"com.fasterxml.jackson.core.JsonLocation.getLineNr()\" because it is null",
        "\tat dev.floorgate.core.internal.OperationEngine.apply(OperationEngine.java:120)",
        "Failed to convert argument: java.lang.NumberFormatException",
        "Cannot construct instance of `dev.floorgate.core.internal.MasterDataController$SkuBody`",
        "unexpected error in com.example.Thing"})
    void internalsAreReplaced(String message) {
        assertThat(ClientMessages.isSafe(message)).isFalse();
        assertThat(ClientMessages.safe(message, "generic")).isEqualTo("generic");
    }
}
