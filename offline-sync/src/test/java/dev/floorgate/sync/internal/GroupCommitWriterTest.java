package dev.floorgate.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.sync.DiskFullException;
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
import org.sqlite.SQLiteConfig;

class GroupCommitWriterTest {
    @TempDir
    Path dir;
    Path file;
    Connection connection;
    GroupCommitWriter writer;

    @BeforeEach
    void open() throws Exception {
        file = dir.resolve("t.db");
        connection = SqliteFiles.open(file, SQLiteConfig.SynchronousMode.FULL);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE t (name TEXT NOT NULL, data BLOB)");
        }
        writer = new GroupCommitWriter("test writer", connection, 100, Duration.ZERO, 100, Duration.ofSeconds(1),
                e -> SqliteFiles.ioError("write", file, e, 12345), () -> { });
    }

    @AfterEach
    void close() throws SQLException {
        writer.close();
        connection.close();
    }

    /** Inserts a row; {@code sql} may be broken on purpose. */
    private static SqlTask<String> insert(String name, String sql, int blobBytes) {
        return new SqlTask<String>() {
            @Override
            protected String execute(Connection c) throws SQLException {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, name);
                    ps.setBytes(2, new byte[blobBytes]);
                    ps.executeUpdate();
                }
                return name;
            }
        };
    }

    private static final String GOOD = "INSERT INTO t (name, data) VALUES (?, ?)";

    private List<String> names() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM t")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void oneFailingTaskInAGroupFailsAloneAndItsNeighboursCommit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        SqlTask<String> blocker = new SqlTask<String>() {
            @Override
            protected String execute(Connection c) {
                try {
                    release.await(5, TimeUnit.SECONDS); // holds the writer so the next three queue up as a group
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "blocker";
            }
        };
        writer.submit(blocker);
        SqlTask<String> a = insert("a", GOOD, 1);
        SqlTask<String> bad = insert("bad", "INSERT INTO no_such_table (name, data) VALUES (?, ?)", 1);
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
        assertThat(writer.commits() - commitsBefore).as("blocker, then a and c each alone").isEqualTo(3);
    }

    @Test
    void sqliteFullBecomesDiskFullAndWhatCommittedBeforeStays() throws Exception {
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
        assertThatThrownBy(() -> last.future().get()).cause().isInstanceOf(DiskFullException.class)
                .hasMessageContaining("disk full").hasMessageContaining("12345 bytes usable");
        assertThat(names()).hasSize(tasks.size() - 1);
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
