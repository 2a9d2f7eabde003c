package dev.floorgate.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaTest {
    @TempDir
    Path dir;
    Path file;
    Connection c;
    final AtomicInteger stepRuns = new AtomicInteger();

    @BeforeEach
    void open() throws IOException {
        file = dir.resolve("s.db");
        c = SqliteFiles.open(file, Durability.FULL);
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private Schema.Builder v1() {
        return Schema.builder("test store").step(1, "items", x -> {
            stepRuns.incrementAndGet();
            exec(x, "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        });
    }

    private Schema.Builder v2() {
        return v1().step(2, "items.qty", x -> exec(x, "ALTER TABLE items ADD COLUMN qty INTEGER NOT NULL DEFAULT 0"));
    }

    private static void exec(Connection x, String sql) throws SQLException {
        try (Statement s = x.createStatement()) {
            s.execute(sql);
        }
    }

    private long query(String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void upToMakesAFileAsTheCodeOfAnOlderVersionLeftItAndTheFullSchemaTakesItOn() throws Exception {
        Schema full = v2().build();
        assertThat(full.upTo(1).latest()).isEqualTo(1);
        assertThat(full.upTo(1).what()).isEqualTo("test store");
        full.upTo(1).migrate(c, file);
        assertThat(Schema.userVersion(c)).isEqualTo(1);
        assertThatThrownBy(() -> query("SELECT qty FROM items")).isInstanceOf(SQLException.class);

        assertThat(full.migrate(c, file)).isEqualTo(1);
        assertThat(Schema.userVersion(c)).isEqualTo(2);
        assertThat(query("SELECT COUNT(qty) FROM items")).isZero();
        assertThat(stepRuns.get()).isOne();
        assertThatThrownBy(() -> full.upTo(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("versions 1 to 2, not 0");
        assertThatThrownBy(() -> full.upTo(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFreshFileRunsEveryStepAndIsStampedWithTheLatestVersion() throws Exception {
        int found = v2().build().migrate(c, file);

        assertThat(found).isZero();
        assertThat(Schema.userVersion(c)).isEqualTo(2);
        exec(c, "INSERT INTO items (name, qty) VALUES ('a', 3)");
        assertThat(query("SELECT qty FROM items")).isEqualTo(3);
    }

    @Test
    void anOlderFileRunsOnlyTheStepsAfterItsVersionAndKeepsItsRows() throws Exception {
        v1().build().migrate(c, file);
        exec(c, "INSERT INTO items (name) VALUES ('kept')");

        int found = v2().build().migrate(c, file);

        assertThat(found).isEqualTo(1);
        assertThat(stepRuns.get()).as("step 1 ran once, on the first open").isEqualTo(1);
        assertThat(Schema.userVersion(c)).isEqualTo(2);
        assertThat(query("SELECT COUNT(*) FROM items WHERE name = 'kept' AND qty = 0")).isEqualTo(1);
        assertThat(v2().build().migrate(c, file)).as("nothing left to do").isEqualTo(2);
    }

    @Test
    void aFileNewerThanTheCodeIsRefusedNamingBothVersionsAndThePath() throws Exception {
        v2().build().migrate(c, file);

        assertThatThrownBy(() -> v1().build().migrate(c, file)).isInstanceOf(IOException.class)
                .hasMessageContaining("version 2").hasMessageContaining("this code's 1")
                .hasMessageContaining(file.toString());
        assertThat(Schema.userVersion(c)).as("untouched").isEqualTo(2);
    }

    @Test
    void aFailedStepRollsBackAndLeavesTheVersionBeforeIt() throws Exception {
        v1().build().migrate(c, file);
        Schema broken = v1().step(2, "half done", x -> {
            exec(x, "CREATE TABLE half (x INTEGER)");
            exec(x, "INSERT INTO no_such_table VALUES (1)");
        }).build();

        assertThatThrownBy(() -> broken.migrate(c, file)).isInstanceOf(IOException.class)
                .hasMessageContaining("step 2").hasMessageContaining("half done")
                .hasMessageContaining("stays at version 1").hasMessageContaining("no such table")
                .hasCauseInstanceOf(SQLException.class);
        assertThat(Schema.userVersion(c)).isEqualTo(1);
        assertThat(Schema.tables(c)).containsExactly("items");
        assertThat(v2().build().migrate(c, file)).as("a fixed step runs on the next open").isEqualTo(1);
        assertThat(Schema.userVersion(c)).isEqualTo(2);
    }

    @Test
    void anUnversionedLegacyFileIsAdoptedByTheBaselineWhenItsTablesExist() throws Exception {
        exec(c, "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        exec(c, "INSERT INTO items (name) VALUES ('legacy')");

        int found = v2().baseline(1, "items").build().migrate(c, file);

        assertThat(found).isZero();
        assertThat(stepRuns.get()).as("the baseline replaces step 1").isZero();
        assertThat(Schema.userVersion(c)).isEqualTo(2);
        assertThat(query("SELECT COUNT(*) FROM items WHERE name = 'legacy' AND qty = 0")).isEqualTo(1);
    }

    @Test
    void anUnversionedFileMissingABaselineTableIsRefusedNamingIt() throws Exception {
        exec(c, "CREATE TABLE other (x INTEGER)");

        assertThatThrownBy(() -> v2().baseline(1, "items", "other").build().migrate(c, file))
                .isInstanceOf(IOException.class).hasMessageContaining("[items]")
                .hasMessageContaining(file.toString());
        assertThat(Schema.userVersion(c)).isZero();
        assertThatThrownBy(() -> v2().build().migrate(c, file)).as("no baseline at all")
                .isInstanceOf(IOException.class).hasMessageContaining("no baseline");
    }

    @Test
    void stepsMustBeNumberedInOrder() {
        assertThatThrownBy(() -> v1().step(3, "gap", x -> { })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("step 3 added after step 1");
        assertThatThrownBy(() -> v1().baseline(2, "items").build()).isInstanceOf(IllegalStateException.class);
    }
}
