package dev.floorgate.gateway.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.lan.DeviceEvent;
import dev.floorgate.lan.GatewayEvent;
import dev.floorgate.lan.PrintJobEvent;
import dev.floorgate.protocol.OperationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

class EventHubIndexTest {
    private static final OperationResult RESULT = OperationResult.rejected("op-1", "INSUFFICIENT_STOCK", "none left");
    private static final PrintJobEvent JOB = PrintJobEvent.builder().jobId("job-1").state("QUEUED").build();
    private static final DeviceEvent DEVICE = new DeviceEvent("printer", "dock-1", "state", "READY", "Ready", null,
            null);
    private final EventHub hub = new EventHub();
    private final List<Disposable> subscriptions = new ArrayList<>();

    private List<Long> collect(reactor.core.publisher.Flux<GatewayEvent> flux) {
        List<Long> ids = new CopyOnWriteArrayList<>();
        subscriptions.add(flux.subscribe(e -> ids.add(e.id())));
        return ids;
    }

    @Test
    void aDeviceHearsItsOwnItsTenantsAndSiteWideEventsButNotOtherDevicesOrTenants() {
        List<Long> pda1 = collect(hub.subscribeDevice(0, "acme", "pda-1"));
        List<Long> supervisor = collect(hub.subscribeDevice(0, "acme", null));
        List<Long> other = collect(hub.subscribeDevice(0, "globex", "pda-9"));
        List<Long> admin = collect(hub.subscribe(0, e -> true));

        long own = hub.publish("op.result", "acme", "pda-1", RESULT).id();
        long neighbour = hub.publish("op.result", "acme", "pda-2", RESULT).id();
        long tenantWide = hub.publish("print-job", "acme", null, JOB).id();
        long siteWide = hub.publish("device", null, null, DEVICE).id();
        long otherTenant = hub.publish("op.result", "globex", "pda-9", RESULT).id();
        long aimedSiteWide = hub.publish("device", null, "pda-1", DEVICE).id();

        assertThat(pda1).containsExactly(own, tenantWide, siteWide, aimedSiteWide);
        assertThat(supervisor).containsExactly(own, neighbour, tenantWide, siteWide, aimedSiteWide);
        assertThat(other).containsExactly(siteWide, otherTenant);
        assertThat(admin).containsExactly(own, neighbour, tenantWide, siteWide, otherTenant, aimedSiteWide);
    }

    @Test
    void aResultForOnePdaLooksOnlyAtThatPdasSubscriberNotTheWholeFleet() {
        for (int i = 0; i < 300; i++) {
            collect(hub.subscribeDevice(0, "acme", "pda-" + i));
        }
        collect(hub.subscribe(0, e -> true)); // an admin page
        List<Long> pda7 = collect(hub.subscribeDevice(0, "acme", "pda-7"));

        long id = hub.publish("op.result", "acme", "pda-7", RESULT).id();

        assertThat(pda7).containsExactly(id);
        assertThat(hub.lastExamined()).as("subscribers looked at").isEqualTo(3); // pda-7's two and the admin's
    }

    @Test
    void aCancelledSubscriberIsDroppedFromTheIndexAndAReconnectReplaysWhatItMissed() {
        List<Long> first = collect(hub.subscribeDevice(0, "acme", "pda-1"));
        long a = hub.publish("op.result", "acme", "pda-1", RESULT).id();
        subscriptions.get(0).dispose();
        long b = hub.publish("op.result", "acme", "pda-1", RESULT).id();
        assertThat(hub.lastExamined()).isZero();
        assertThat(first).containsExactly(a);

        List<Long> again = collect(hub.subscribeDevice(a, "acme", "pda-1"));
        long c = hub.publish("op.result", "acme", "pda-1", RESULT).id();
        assertThat(again).containsExactly(b, c);
    }

    @Test
    void untypedDataForAKnownTypeAndUnknownTypesAreMisuse() {
        assertThatThrownBy(() -> hub.publish("op.rejected", "acme", "pda-1", Map.of("opId", "op-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("a 'op.rejected' event carries a OperationResult, got Map");
        assertThatThrownBy(() -> hub.publish("print-job", "acme", null, RESULT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("carries a PrintJobEvent");
        assertThatThrownBy(() -> hub.publish("shipment", "acme", null, JOB))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown event type 'shipment'");
        assertThat(hub.recent(e -> true, 10)).as("nothing refused was kept for replay").isEmpty();
    }
}
