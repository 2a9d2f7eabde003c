package dev.floorgate.gateway.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientMessagesTest {
    @Test
    void ourOwnWordsPass() {
        for (String ours : new String[] {"copies: expected a whole number, got the string \"two\"",
                "printer 'pack-1' has 10 jobs waiting (fg.print.max-queued-per-printer 10); try again later",
                "jobId 'job-1' was already used for another print request; make a new jobId for a new job",
                "no print job x for tenant acme", "printer reported a paper out error"}) {
            assertThat(ClientMessages.isSafe(ours)).as(ours).isTrue();
            assertThat(ClientMessages.safe(ours, 400)).isEqualTo(ours);
        }
    }

    @Test
    void internalsAreReplacedByTheGenericTextOfTheStatus() {
        for (String leak : new String[] {"java.lang.NullPointerException: x", "Cannot invoke \"java.nio.file.Path.toString()\" because \"dir\" is null",
                "[SQLITE_BUSY] The database file is locked (database is locked)",
                "at dev.floorgate.gateway.internal.Foo.bar(Foo.java:12)", "Outer$Inner failed",
                "Unexpected token (START_ARRAY) com.fasterxml.jackson.core", "io.micronaut.http.X",
                "org.sqlite.SQLiteException", "Illegal state in Netty pipeline"}) {
            assertThat(ClientMessages.isSafe(leak)).as(leak).isFalse();
        }
        assertThat(ClientMessages.safe("java.lang.IllegalStateException", 400))
                .isEqualTo("the request could not be read");
        assertThat(ClientMessages.safe(null, 404)).isEqualTo("not found");
        assertThat(ClientMessages.generic(500)).isEqualTo("internal error; see the gateway log");
    }
}
