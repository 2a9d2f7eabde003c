package dev.floorgate.gateway.internal.ops;

import dev.floorgate.gateway.CoreLinkConfiguration;
import dev.floorgate.gateway.GatewayConfiguration;
import dev.floorgate.gateway.SyncConfiguration;
import dev.floorgate.gateway.internal.events.EventHub;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.sync.StoredOperation;
import dev.floorgate.sync.SyncEngine;
import dev.floorgate.sync.SyncOptions;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.annotation.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the one {@link SyncEngine} of the gateway from its configuration and connects its results to the event
 * hub: every final result becomes an {@code op.result} event for the operation's tenant, aimed at the device
 * that made it, and a rejection also an {@code op.rejected} event, so the picker hears of it.
 */
@Factory
final class SyncEngineFactory {
    private static final Logger LOG = LoggerFactory.getLogger(SyncEngineFactory.class);

    @Context // started with the application: the uploader must run before any request arrives
    @Bean(preDestroy = "close")
    SyncEngine syncEngine(GatewayConfiguration gateway, CoreLinkConfiguration core, SyncConfiguration sync,
            EventHub events, @Value("${fg.gateway.id:}") String gatewayId) {
        SyncOptions.Builder options = SyncOptions.builder()
                .dataDir(Paths.get(gateway.getDataDir()))
                .gatewayId(gatewayId.isBlank() ? hostName() : gatewayId)
                .batchSize(sync.getBatchSize())
                .pollInterval(sync.getPollInterval())
                .backoffMin(sync.getBackoffMin())
                .backoffMax(sync.getBackoffMax())
                .warehouses(sync.getWarehouses().stream().map(String::trim).filter(w -> !w.isEmpty())
                        .collect(Collectors.toSet()))
                .diskFloorBytes(sync.getDiskFloor())
                .retention(sync.getRetention());
        if (core.isOnline()) {
            options.coreUrl(core.getUrl()).keyId(core.getKeyId()).secret(core.getSecret());
        } else if (core.getUrl() != null) {
            LOG.warn("fg.core.url is set but fg.core.key-id / fg.core.secret are not: staying offline");
        }
        try {
            return SyncEngine.start(options.build(), (op, result) -> publish(events, op, result));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the outbox under " + gateway.getDataDir() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void publish(EventHub events, StoredOperation op, OperationResult result) {
        Map<String, Object> data = resultData(result);
        events.publish("op.result", op.tenant(), op.deviceId(), data);
        if (result.status() == ResultStatus.REJECTED) {
            events.publish("op.rejected", op.tenant(), op.deviceId(), data);
        }
    }

    /** The result as plain JSON-ready values (the same fields as the wire form of API.md). */
    static Map<String, Object> resultData(OperationResult result) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("opId", result.opId());
        data.put("status", result.status().name());
        if (result.code() != null) {
            data.put("code", result.code());
        }
        if (result.message() != null) {
            data.put("message", result.message());
        }
        if (result.stock() != null) {
            data.put("stock", Map.of("onHand", result.stock().onHand(), "usable", result.stock().usable(),
                    "reserved", result.stock().reserved()));
        }
        if (result.delta() != null) {
            data.put("delta", result.delta());
        }
        return data;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "floorgate-gateway";
        }
    }
}
