package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The relay from the tenants' own outboxes to the shared one (docs/TENANTS.md "The outbox"), against the real
 * MariaDB, tried where it could break: an event already in the shared outbox (a repeated move) is not doubled, a
 * second sweep moves nothing, and one tenant's broken outbox does not hold back another tenant's events.
 */
class TenantOutboxRelayTest {

    @Test
    void eventsMoveOnceAndABrokenTenantDoesNotHoldBackTheOthers() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase("fg_trelay_");
                CoreHarness core = CoreHarness.start(redis.uri(), db, Map.of())) {
            TenantOutboxRelay relay = core.bean(TenantOutboxRelay.class);
            String acme = "`" + db.tenantSchema("acme") + "`.event_outbox";
            String beta = "`" + db.tenantSchema("beta") + "`.event_outbox";
            for (String id : new String[] {"ev-1", "ev-2", "ev-3"}) {
                db.update("INSERT INTO " + acme + " (event_id, routing_key, type, payload) VALUES (?, "
                        + "'acme.SH01.parcel.announced', 'parcel.announced', ?)", id, "{\"id\":\"" + id + "\"}");
            }
            // ev-2 is in the shared outbox already, as if a move had been repeated
            db.update("INSERT INTO event_outbox (event_id, routing_key, type, payload) VALUES ('ev-2', "
                    + "'acme.SH01.parcel.announced', 'parcel.announced', '{\"id\":\"ev-2\"}')");
            db.update("INSERT INTO " + beta + " (event_id, routing_key, type, payload) VALUES ('ev-b', "
                    + "'beta.SH01.parcel.announced', 'parcel.announced', '{}')");

            assertThat(relay.moveAll()).isEqualTo(4);
            assertThat(db.count("SELECT COUNT(*) FROM " + acme)).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM " + beta)).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM event_outbox WHERE event_id IN ('ev-1', 'ev-2', 'ev-3', "
                    + "'ev-b')")).isEqualTo(4);
            assertThat(db.query("SELECT payload FROM event_outbox WHERE event_id = 'ev-3'").get(0))
                    .containsEntry("payload", "{\"id\":\"ev-3\"}");
            assertThat(relay.moveAll()).isZero();

            // beta's outbox table is gone (dropped by hand): acme's events still move
            db.update("DROP TABLE " + beta);
            db.update("INSERT INTO " + acme + " (event_id, routing_key, type, payload) VALUES ('ev-4', "
                    + "'acme.SH01.parcel.announced', 'parcel.announced', '{}')");
            assertThat(relay.moveAll()).isEqualTo(1);
            assertThat(db.count("SELECT COUNT(*) FROM event_outbox WHERE event_id = 'ev-4'")).isEqualTo(1);
            assertThat(db.count("SELECT COUNT(*) FROM " + acme)).isZero();
        }
    }
}
