package dev.floorgate.gateway.internal.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.gateway.internal.GatewayDatabase;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceRegistryLastSeenTest {
    private static final Instant T0 = Instant.parse("2026-12-05T07:00:00Z");

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void lastSeenOnDiskIsAtMostFiveSecondsStaleEvenForRequestsSecondsApart() throws Exception {
        try (GatewayDatabase db = GatewayDatabase.open(dir)) {
            DeviceRegistry registry = new DeviceRegistry(db, clock);
            String token = enroll(registry, "pda-1");
            registry.authenticate(token).orElseThrow();
            now.set(T0.plusSeconds(3)); // a second request soon after the first must not be dropped
            registry.authenticate(token).orElseThrow();
            assertThat(registry.list().get(0).lastSeen()).isEqualTo(T0.plusSeconds(3).toString());

            long deadline = System.nanoTime() + LastSeenTracker.FLUSH_INTERVAL.plusMillis(1500).toNanos();
            while (!T0.plusSeconds(3).toString().equals(lastSeenOnDisk(db, "pda-1")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(lastSeenOnDisk(db, "pda-1")).as("devices.last_seen within %s of the request",
                    LastSeenTracker.FLUSH_INTERVAL).isEqualTo(T0.plusSeconds(3).toString());
            registry.close();
        }
    }

    @Test
    void lastSeenSurvivesACleanStopAndReopen() throws Exception {
        try (GatewayDatabase db = GatewayDatabase.open(dir)) {
            DeviceRegistry registry = new DeviceRegistry(db, clock);
            String token = enroll(registry, "pda-2");
            now.set(T0.plusSeconds(42));
            registry.authenticate(token).orElseThrow();
            registry.close(); // before gateway.db closes, as the gateway's shutdown does
        }
        try (GatewayDatabase db = GatewayDatabase.open(dir)) {
            DeviceRegistry reopened = new DeviceRegistry(db, clock);
            assertThat(reopened.list()).singleElement()
                    .satisfies(d -> assertThat(d.lastSeen()).isEqualTo(T0.plusSeconds(42).toString()));
            reopened.close();
        }
    }

    @Test
    void authenticatingWritesNothingOnTheRequestsThread() throws Exception {
        try (GatewayDatabase db = GatewayDatabase.open(dir)) {
            DeviceRegistry registry = new DeviceRegistry(db, clock);
            String token = enroll(registry, "pda-3");
            registry.authenticate(token).orElseThrow();
            assertThat(lastSeenOnDisk(db, "pda-3")).as("written later, in a batch").isNull();
            registry.close();
            assertThat(lastSeenOnDisk(db, "pda-3")).isEqualTo(T0.toString());
        }
    }

    private String enroll(DeviceRegistry registry, String deviceId) throws Exception {
        DeviceRegistry.EnrollmentCode code = registry.createEnrollmentCode("acme", "SH01", 5L, null);
        return registry.enroll(code.code, deviceId, "pda", "127.0.0.1");
    }

    private static String lastSeenOnDisk(GatewayDatabase db, String deviceId) throws Exception {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT last_seen FROM devices WHERE device_id = ?")) {
                ps.setString(1, deviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }
}
