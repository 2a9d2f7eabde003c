package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.RequestSigner;
import dev.floorgate.protocol.ResultCodes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Master data, the import and the changes feed on each tenant's own MySQL connection (issue 17 item 4): with one
 * tenant's grants on its schema revoked, its SKU import, its location PUT and its changes feed fail (503, nothing
 * written), which they would not if they still ran on the core's own connection, while another tenant's keep
 * working; after the re-grant the first tenant works again. And a key holding two tenants reads both tenants'
 * changes, read per tenant and merged, with one cursor: every change once, in id order, across pages.
 */
class TenantMasterDataIsolationTest {
    private static final String BOTH_KEY = "gw-both:both-secret-0123456789:acme|beta";

    @Test
    void aTenantWithoutGrantsOnItsSchemaCannotImportPutOrReadChangesWhileAnotherTenantCan() throws Exception {
        // a 1 s bound on getting a connection: the refused tenant's requests fail after it instead of after 5 s
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase("fg_tmaster_");
                CoreHarness core = CoreHarness.start(redis.uri(), db, Map.of("fg.mysql.timeout", "1s"))) {
            core.seed(core.acme, "acme", "SH01", "A-1");
            core.seed(core.multi, "beta", "SH01", "B-1");
            CoreHarness.require(core.acme.get("/v1/changes"), 200);
            CoreHarness.require(core.multi.get("/v1/changes"), 200);
            long acmeChanges = db.count("SELECT COUNT(*) FROM changes WHERE tenant = 'acme'");
            assertThat(acmeChanges).as("acme's seeded bins and SKU").isEqualTo(3);

            db.revokeTenant("acme");

            CoreClient.Reply imported = core.acme.post("/v1/import/skus",
                    "[{\"tenant\":\"acme\",\"sku\":\"REV-1\",\"name\":\"refused\"}]");
            assertDatabaseRefused(imported);
            CoreClient.Reply put = core.acme.put("/v1/locations/acme/SH01/Z-09", "{\"type\":\"BIN\",\"zone\":\"Z\"}");
            assertDatabaseRefused(put);
            assertDatabaseRefused(core.acme.get("/v1/changes"));
            assertThat(db.count("SELECT COUNT(*) FROM skus WHERE tenant = 'acme' AND sku = 'REV-1'")).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM locations WHERE tenant = 'acme' AND code = 'Z-09'")).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM changes WHERE tenant = 'acme'")).isEqualTo(acmeChanges);

            // beta, on its own connection, is not affected
            CoreClient.Reply betaImport = core.multi.post("/v1/import/skus",
                    "[{\"tenant\":\"beta\",\"sku\":\"REV-1\",\"name\":\"beta's\"}]");
            assertThat(betaImport.status()).as(betaImport.body()).isEqualTo(200);
            assertThat(core.json(betaImport.body())).containsEntry("created", 1);
            CoreHarness.require(core.multi.put("/v1/locations/beta/SH01/Z-09", "{\"type\":\"BIN\",\"zone\":\"Z\"}"),
                    200);
            CoreClient.Reply betaFeed = core.multi.get("/v1/changes");
            assertThat(betaFeed.status()).as(betaFeed.body()).isEqualTo(200);
            assertThat(betaFeed.body()).contains("\"sku\":\"REV-1\"").contains("\"code\":\"Z-09\"")
                    .doesNotContain("\"tenant\":\"acme\"");
            assertThat(db.count("SELECT COUNT(*) FROM skus WHERE tenant = 'beta' AND sku = 'REV-1'")).isEqualTo(1);
            assertThat(db.count("SELECT COUNT(*) FROM locations WHERE tenant = 'beta' AND code = 'Z-09'"))
                    .isEqualTo(1);

            db.grantTenant("acme");
            CoreClient.Reply again = core.acme.post("/v1/import/skus",
                    "[{\"tenant\":\"acme\",\"sku\":\"REV-1\",\"name\":\"after the grant\"}]");
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            assertThat(core.json(again.body())).containsEntry("created", 1);
            CoreHarness.require(core.acme.put("/v1/locations/acme/SH01/Z-09", "{\"type\":\"BIN\",\"zone\":\"Z\"}"),
                    200);
            CoreClient.Reply acmeFeed = core.acme.get("/v1/changes");
            assertThat(acmeFeed.status()).as(acmeFeed.body()).isEqualTo(200);
            assertThat(acmeFeed.body()).contains("\"name\":\"after the grant\"").contains("\"code\":\"Z-09\"")
                    .doesNotContain("\"tenant\":\"beta\"");
            assertThat(db.count("SELECT COUNT(*) FROM changes WHERE tenant = 'acme'")).isEqualTo(acmeChanges + 2);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aKeyHoldingTwoTenantsReadsBothFeedsMergedWithOneCursorEveryChangeOnceInIdOrder() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase("fg_tmerge_");
                CoreHarness core = CoreHarness.start(redis.uri(), db,
                        Map.of("fg.core.keys", CoreHarness.KEYS + "," + BOTH_KEY))) {
            CoreClient both = new CoreClient(core.base, new RequestSigner("gw-both", "both-secret-0123456789"));
            // interleaved changes of acme and beta (and gamma's, which this key does not hold), a run of one tenant
            // longer than a page (acme's first four), and an entity changed twice (the feed holds its latest only)
            core.seed(both, "acme", "SH01", "M-1", "M-2");
            core.seed(both, "beta", "SH01", "M-1");
            core.seed(core.multi, "gamma", "SH01", "G-1");
            for (int i = 3; i <= 9; i++) {
                String tenant = i % 3 == 0 ? "beta" : "acme";
                CoreHarness.require(both.put("/v1/skus/" + tenant + "/M-" + i, "{\"name\":\"Item " + i + "\"}"),
                        200);
            }
            CoreHarness.require(both.put("/v1/skus/acme/M-1", "{\"name\":\"renamed\"}"), 200);
            CoreHarness.require(both.put("/v1/locations/beta/SH01/C-01-01", "{\"type\":\"BIN\"}"), 200);

            List<String> expected = new ArrayList<>();
            for (Map<String, Object> row : db.query("SELECT kind, tenant, ref FROM changes "
                    + "WHERE tenant IN ('acme', 'beta') ORDER BY id")) {
                expected.add(row.get("kind") + " " + row.get("tenant") + "/" + row.get("ref"));
            }
            assertThat(expected).hasSize(4 + 3 + 7 + 1); // 2 bins each, 3 SKUs seeded, M-3..M-9, C-01-01
            assertThat(expected).contains("sku beta/M-6", "sku acme/M-1", "location beta/C-01-01")
                    .doesNotContain("sku gamma/G-1");

            List<String> seen = new ArrayList<>();
            long cursor = 0;
            int pages = 0;
            while (true) {
                CoreClient.Reply r = both.get("/v1/changes?limit=3&since=" + cursor);
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                Map<String, Object> page = core.json(r.body());
                List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
                long next = Long.parseLong((String) page.get("next"));
                if (items.isEmpty()) {
                    assertThat(next).as("the cursor of an empty page stays").isEqualTo(cursor);
                    break;
                }
                assertThat(items).hasSizeLessThanOrEqualTo(3);
                assertThat(next).as("the cursor moves on").isGreaterThan(cursor);
                for (Map<String, Object> item : items) {
                    Object ref = "sku".equals(item.get("kind")) ? item.get("sku") : item.get("code");
                    seen.add(item.get("kind") + " " + item.get("tenant") + "/" + ref);
                }
                cursor = next;
                pages++;
                assertThat(pages).as("pages read").isLessThan(50);
            }
            assertThat(pages).isEqualTo(5); // 15 changes, 3 a page
            assertThat(seen).containsExactlyElementsOf(expected);
            assertThat(seen).filteredOn(s -> s.equals("sku acme/M-1")).hasSize(1);
            CoreClient.Reply renamed = both.get("/v1/changes?limit=1000");
            assertThat(renamed.body()).contains("\"name\":\"renamed\"");
        }
    }

    private static void assertDatabaseRefused(CoreClient.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(503);
        assertThat(r.body()).contains("\"error\":\"" + ResultCodes.UNAVAILABLE + "\"").contains("database");
    }

    private static void asRoot(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

}
