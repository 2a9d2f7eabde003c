package dev.floorgate.gateway.internal.access;

import dev.floorgate.lan.EnrolledDevice;
import java.util.ArrayList;
import java.util.List;

/** The registry's device rows as the LAN API's {@link EnrolledDevice} (admin device list, PDAs of GET /devices). */
public final class DeviceViews {
    private DeviceViews() {
    }

    public static EnrolledDevice view(DeviceRegistry.EnrolledDevice d) {
        return new EnrolledDevice(d.deviceId(), d.tenant(), d.warehouse(), d.kind(), d.enrolledAt(), d.revokedAt(),
                d.lastSeen());
    }

    public static List<EnrolledDevice> views(List<DeviceRegistry.EnrolledDevice> rows) {
        List<EnrolledDevice> out = new ArrayList<>(rows.size());
        for (DeviceRegistry.EnrolledDevice d : rows) {
            out.add(view(d));
        }
        return out;
    }
}
