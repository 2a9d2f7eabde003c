package dev.floorgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.gateway.TestGateway;
import dev.floorgate.gateway.internal.GatewayDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 finding 3, replayed on a real gateway: failed sign-ins pushing every admin action out of the audit,
 * failed sign-ins recorded with the typed name as their actor ("admin-token"), and a user name with a newline
 * forging a log line.
 */
class AuditTrailAttackTest {
    static final int KEEP = 100; // fg.web.audit-keep: the old gateway pruned admin actions after ~100 failures

    @TempDir
    Path dataDir;
    TestGateway gateway;

    @BeforeEach
    void start() {
        gateway = new TestGateway(dataDir, Map.of("fg.web.audit-keep", KEEP));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void fiveThousandFailedSignInsLeaveEveryAdminActionRowAndNoneActsAsAnActor() throws Exception {
        String admin = TestGateway.ADMIN_TOKEN;
        String device = gateway.enroll("pda-1", "acme", "SH01");
        assertThat(gateway.post("/api/v1/admin/devices/pda-1/revoke", admin, "{}").statusCode()).isEqualTo(200);
        assertThat(gateway.get("/api/v1/tasks", device).statusCode()).isIn(401, 404);
        List<String> before = actions();
        assertThat(before).contains("admin-token enrollment-code.create", "admin-token device.revoke");

        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger refused = new AtomicInteger();
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                all.add(pool.submit(() -> {
                    for (int i = 0; i < 625; i++) {
                        String name = i % 2 == 0 ? "admin-token" : "user-" + thread + "-" + i;
                        HttpResponse<String> r = gateway.post("/api/v1/admin/login", null,
                                "{\"username\":\"" + name + "\",\"password\":\"wrong-" + i + "\"}");
                        if (r.statusCode() == 401 || r.statusCode() == 429) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(refused.get()).isEqualTo(5000);

        assertThat(actions()).as("every admin action row is still there, and no failed sign-in became one")
                .isEqualTo(before);
        assertThat(count("SELECT COUNT(*) FROM sign_in_failures")).as("failed sign-ins are bounded on their own")
                .isBetween(KEEP, KEEP + 100);
        assertThat(count("SELECT COUNT(*) FROM sign_in_failures WHERE username = 'admin-token'")).isPositive();
        String audit = gateway.get("/api/v1/admin/audit?limit=500", admin).body();
        assertThat(audit).contains("\"action\":\"device.revoke\",\"target\":\"pda-1\"")
                .doesNotContain("wrong user name or password");
    }

    @Test
    void aUserNameWithANewlineForgesNoLogLineAndNoAuditRow() throws Exception {
        String forged = "x\\n12:00:00.000 INFO  [default-nioEventLoopGroup-1-2] d.f.g.internal.web.AuditLog - admin "
                + "action by admin-token: device.revoke pda-7 () -> 200\\r\\nmore";
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = gateway.post("/api/v1/admin/login", null,
                    "{\"username\":\"" + forged + "\",\"password\":\"wrong-password-1\"}");
            assertThat(r.statusCode()).isEqualTo(401);
            Thread.sleep(300); // the log line is written by the request's thread before it answers; margin for flush
        } finally {
            System.setOut(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("failed sign-in from 127.0.0.1 as 'x\\n12:00:00.000 INFO");
        for (String line : log.split("\n")) {
            assertThat(line).as("no line starts with the forged text").doesNotStartWith("12:00:00.000 INFO")
                    .doesNotStartWith("more");
        }
        assertThat(actions()).as("no admin action row from a sign-in").noneMatch(a -> a.contains("device.revoke"));
        assertThat(count("SELECT COUNT(*) FROM sign_in_failures WHERE username LIKE 'x' || char(10) || '%'"))
                .as("the typed name is kept as data").isEqualTo(1);
    }

    private List<String> actions() throws Exception {
        return gateway.context().getBean(GatewayDatabase.class).read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT actor, action FROM admin_actions ORDER BY id")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
            return out;
        });
    }

    private int count(String sql) throws Exception {
        return gateway.context().getBean(GatewayDatabase.class).read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Writes to both streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
