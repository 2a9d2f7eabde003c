package dev.floorgate.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitWriterTest {
    /** What the test's error mapping makes of SQLITE_FULL, as a store would make its disk-full exception. */
    static final class FullForTest extends IOException {
        FullForTest(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @TempDir
    Path dir;
    Path file;
    Connection connection;
    GroupCommitWriter writer;

    @BeforeEach
    void open() throws Exception {
        file = dir.resolve("t.db");
        connection = SqliteFiles.open(file, Durability.FULL);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE t (name TEXT NOT NULL, data BLOB)");
        }
        writer = writer(100, 100, Duration.ofSeconds(1));
    }

    private GroupCommitWriter writer(int maxBatch, int capacity, Duration offerTimeout) throws SQLException {
        return GroupCommitWriter.builder("test writer", connection).maxBatch(maxBatch).capacity(capacity)
                .offerTimeout(offerTimeout)
                .errors(e -> SqliteFiles.isDiskFull(e) ? new FullForTest("disk full in " + file + " (12345 bytes "
                        + "usable): " + e.getMessage(), e) : new IOException("could not write " + file + ": "
                        + e.getMessage(), e))
                .start();
    }

    @AfterEach
    void close() throws SQLException {
        writer.close();
        connection.close();
    }

    /** Inserts a row; {@code sql} may be broken on purpose. */
    private static SqlTask<String> insert(String name, String sql, int blobBytes) {
        return SqlTask.of(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, name);
                ps.setBytes(2, new byte[blobBytes]);
                ps.executeUpdate();
            }
            return name;
        });
    }

    private static final String GOOD = "INSERT INTO t (name, data) VALUES (?, ?)";
    private static final String BAD = "INSERT INTO no_such_table (name, data) VALUES (?, ?)";

    private List<String> names() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM t")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** A task that holds the writer until released, so what is submitted meanwhile queues up as one group. */
    private CountDownLatch block() throws IOException, InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        writer.submit(SqlTask.of(c -> {
            running.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "blocker";
        }));
        assertThat(running.await(5, TimeUnit.SECONDS)).as("the writer runs the blocker").isTrue();
        return release;
    }

    @Test
    void oneFailingTaskInAGroupFailsAloneAndItsNeighboursCommit() throws Exception {
        CountDownLatch release = block();
        SqlTask<String> a = insert("a", GOOD, 1);
        SqlTask<String> bad = insert("bad", BAD, 1);
        SqlTask<String> c = insert("c", GOOD, 1);
        writer.submit(a);
        writer.submit(bad);
        writer.submit(c);
        long commitsBefore = writer.commits();
        release.countDown();

        assertThat(a.future().get(5, TimeUnit.SECONDS)).isEqualTo("a");
        assertThat(c.future().get(5, TimeUnit.SECONDS)).isEqualTo("c");
        assertThatThrownBy(() -> bad.future().get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IOException.class).hasMessageContaining("no such table");
        assertThat(names()).containsExactlyInAnyOrder("a", "c");
        // the bad task is rolled back to its savepoint, so a and c still share the group's one COMMIT
        assertThat(writer.commits() - commitsBefore).as("blocker, then a and c together").isEqualTo(2);
        assertThat(writer.tasksCommitted()).as("blocker, a, c").isEqualTo(3);
    }

    @Test
    void manyThreadsShareOneCommitAndEachWaiterGetsItsOwnAnswerOrError() throws Exception {
        CountDownLatch release = block();
        int threads = 40;
        List<SqlTask<String>> tasks = new ArrayList<>();
        List<Thread> submitters = new ArrayList<>();
        CountDownLatch submitted = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            SqlTask<String> t = i % 10 == 3 ? insert("bad" + i, BAD, 1) : insert("row" + i, GOOD, 1);
            tasks.add(t);
            Thread th = new Thread(() -> {
                try {
                    writer.submit(t);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    submitted.countDown();
                }
            });
            submitters.add(th);
            th.start();
        }
        assertThat(submitted.await(5, TimeUnit.SECONDS)).isTrue();
        long commitsBefore = writer.commits();
        release.countDown();

        for (int i = 0; i < threads; i++) {
            SqlTask<String> t = tasks.get(i);
            if (i % 10 == 3) {
                assertThatThrownBy(() -> t.future().get(5, TimeUnit.SECONDS)).cause()
                        .isInstanceOf(IOException.class).hasMessageContaining("no such table");
            } else {
                assertThat(t.future().get(5, TimeUnit.SECONDS)).isEqualTo("row" + i);
            }
        }
        assertThat(names()).hasSize(threads - 4).doesNotContain("bad3", "bad13", "bad23", "bad33");
        assertThat(writer.commits() - commitsBefore).as("the blocker, then all 40 queued tasks in one group")
                .isEqualTo(2);
    }

    @Test
    void whenTheSharedTransactionBreaksEachTaskRunsAloneAndOnlyTheCulpritFails() throws Exception {
        CountDownLatch release = block();
        SqlTask<String> a = insert("a", GOOD, 1);
        // ends the writer's transaction behind its back, as SQLite does itself after some errors (SQLITE_FULL)
        SqlTask<String> culprit = SqlTask.of(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("ROLLBACK");
            }
            return "culprit";
        });
        SqlTask<String> c = insert("c", GOOD, 1);
        writer.submit(a);
        writer.submit(culprit);
        writer.submit(c);
        long commitsBefore = writer.commits();
        release.countDown();

        assertThat(a.future().get(5, TimeUnit.SECONDS)).isEqualTo("a");
        assertThat(c.future().get(5, TimeUnit.SECONDS)).isEqualTo("c");
        assertThatThrownBy(() -> culprit.future().get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(IOException.class);
        assertThat(names()).containsExactlyInAnyOrder("a", "c");
        assertThat(writer.commits() - commitsBefore).as("blocker, then a alone and c alone").isEqualTo(3);
    }

    @Test
    void aTasksRuntimeExceptionReachesItsCallerAsItIs() throws Exception {
        CountDownLatch release = block();
        IllegalArgumentException refusal = new IllegalArgumentException("job 7 is not known");
        SqlTask<String> refused = SqlTask.of(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO t (name) VALUES ('undone')");
            }
            throw refusal;
        });
        SqlTask<String> ok = insert("ok", GOOD, 1);
        writer.submit(refused);
        writer.submit(ok);
        release.countDown();

        assertThat(ok.future().get(5, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThatThrownBy(() -> refused.future().get(5, TimeUnit.SECONDS)).cause().isSameAs(refusal);
        assertThat(names()).containsExactly("ok");
    }

    @Test
    void sqliteFullIsMappedByTheErrorsFunctionAndWhatCommittedBeforeStays() throws Exception {
        long pages;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA page_count")) {
            pages = rs.getLong(1);
        }
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA max_page_count = " + (pages + 8)); // the "disk" holds 8 more pages
        }
        List<SqlTask<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SqlTask<String> t = insert("row" + i, GOOD, 3000);
            tasks.add(t);
            writer.submit(t);
            try {
                t.future().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                break;
            }
        }
        SqlTask<String> last = tasks.get(tasks.size() - 1);

        assertThat(tasks.size()).as("some rows fit").isBetween(2, 19);
        assertThatThrownBy(() -> last.future().get()).cause().isInstanceOf(FullForTest.class)
                .hasMessageContaining("disk full").hasMessageContaining("12345 bytes usable");
        assertThat(names()).hasSize(tasks.size() - 1);
    }

    @Test
    void aFullQueueRefusesAtOnceWithAZeroOfferTimeout() throws Exception {
        writer.close();
        writer = writer(1, 2, Duration.ZERO);
        CountDownLatch release = block();
        // the blocker may still sit in the queue for a moment; fill the rest until a refusal comes
        List<SqlTask<String>> queued = new ArrayList<>();
        IOException refused = null;
        long start = System.nanoTime();
        for (int i = 0; i < 5 && refused == null; i++) {
            SqlTask<String> t = insert("q" + i, GOOD, 1);
            try {
                writer.submit(t);
                queued.add(t);
            } catch (IOException e) {
                refused = e;
            }
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        release.countDown();

        assertThat(refused).isNotNull().hasMessageContaining("queue is full").hasMessageContaining("2 tasks");
        assertThat(tookMillis).isLessThan(1_000);
        for (SqlTask<String> t : queued) {
            assertThat(t.future().get(5, TimeUnit.SECONDS)).startsWith("q");
        }
    }

    @Test
    void closingAnswersWhatIsQueuedAndRefusesNewWork() throws Exception {
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            SqlTask<String> t = insert("r" + i, GOOD, 10);
            writer.submit(t);
            futures.add(t.future());
        }
        writer.close();

        assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(names()).hasSize(50);
        assertThatThrownBy(() -> writer.submit(insert("late", GOOD, 1))).isInstanceOf(IOException.class)
                .hasMessageContaining("closed");
    }
}
