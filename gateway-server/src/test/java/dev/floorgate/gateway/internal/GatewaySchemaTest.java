package dev.floorgate.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewaySchemaTest {
    private static final Pattern NAME = Pattern.compile("CREATE (?:UNIQUE )?(TABLE|INDEX) IF NOT EXISTS (\\w+)");

    @TempDir
    Path dir;

    @Test
    void openingGatewayDbCreatesEveryTableAndIndexOfTheSchemaAndReopeningKeepsTheRows() throws Exception {
        List<String> declared = new ArrayList<>();
        for (String ddl : GatewaySchema.statements()) {
            Matcher m = NAME.matcher(ddl);
            assertThat(m.find()).as(ddl).isTrue();
            declared.add(m.group(1).toLowerCase() + " " + m.group(2));
        }
        assertThat(declared).contains("table devices", "table print_jobs", "table rejected_ops",
                "table admin_audit", "table adopted_printers", "index print_jobs_queue");
        try (GatewayDatabase db = GatewayDatabase.open(dir)) {
            assertThat(objects(db)).containsExactlyInAnyOrderElementsOf(declared);
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO adopted_printers VALUES ('p1', 'tcp://10.0.0.9:9100', '', 'now', 'admin')");
                }
                return null;
            });
        }
        try (GatewayDatabase again = GatewayDatabase.open(dir)) {
            assertThat(objects(again)).containsExactlyInAnyOrderElementsOf(declared);
            int rows = again.read(c -> {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM adopted_printers")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(rows).isEqualTo(1);
        }
    }

    private static List<String> objects(GatewayDatabase db) throws Exception {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT type, name FROM sqlite_master WHERE sql IS NOT NULL "
                            + "AND name NOT LIKE 'sqlite_%'")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
            return out;
        });
    }
}
