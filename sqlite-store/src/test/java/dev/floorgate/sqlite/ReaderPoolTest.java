package dev.floorgate.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReaderPoolTest {
    @TempDir
    Path dir;
    Path file;
    Connection writer;

    @BeforeEach
    void open() throws Exception {
        file = dir.resolve("r.db");
        writer = SqliteFiles.open(file, Durability.FULL);
        try (Statement s = writer.createStatement()) {
            s.execute("CREATE TABLE t (x INTEGER)");
            s.execute("INSERT INTO t VALUES (1), (2), (3)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        writer.close();
    }

    private static long sum(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT SUM(x) FROM t")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void readsRunSideBySideUpToThePoolSizeAndSeeCommittedWrites() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (ReaderPool<Connection> readers = ReaderPool.open(file, 3)) {
            CountDownLatch allIn = new CountDownLatch(3);
            List<Future<Long>> sums = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sums.add(pool.submit(() -> readers.read("sum", c -> {
                    allIn.countDown();
                    try {
                        // each read holds its connection until all three are inside at once
                        assertThat(allIn.await(5, TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return sum(c);
                })));
            }
            for (Future<Long> f : sums) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(6);
            }
            try (Statement s = writer.createStatement()) {
                s.execute("INSERT INTO t VALUES (10)");
            }
            assertThat(readers.<Long>read("sum", ReaderPoolTest::sum).longValue()).isEqualTo(16);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eachConnectionKeepsItsOwnSessionAndSqlErrorsNameTheReadAndTheFile() throws Exception {
        AtomicInteger made = new AtomicInteger();
        List<Object> seen = new ArrayList<>();
        try (ReaderPool<Object[]> readers = ReaderPool.open(file, 2, c -> new Object[] {c, made.incrementAndGet()})) {
            for (int i = 0; i < 4; i++) {
                seen.add(readers.read("session", s -> s[1]));
            }
            assertThat(made.get()).isEqualTo(2);
            assertThat(seen).containsOnly(1, 2);
            assertThatThrownBy(() -> readers.read("read the missing table", s -> {
                try (Statement st = ((Connection) s[0]).createStatement()) {
                    return st.executeQuery("SELECT * FROM missing").next();
                }
            })).isInstanceOf(IOException.class).hasMessageContaining("read the missing table")
                    .hasMessageContaining(file.toString()).hasCauseInstanceOf(SQLException.class);
            assertThat(readers.<Long>read("after a failure", s -> sum((Connection) s[0])).longValue()).as("connection returned")
                    .isEqualTo(6);
        }
    }
}
