package dev.floorgate.gateway.internal.web;

import dev.floorgate.gateway.internal.GatewayIdentity;
import dev.floorgate.gateway.internal.access.DeviceRegistry;
import dev.floorgate.gateway.internal.devices.PrinterRegistry;
import dev.floorgate.gateway.internal.devices.ScannerRegistry;
import dev.floorgate.gateway.internal.print.PrintSpooler;
import dev.floorgate.gateway.internal.tls.ListenerPorts;
import dev.floorgate.gateway.internal.tls.SiteCertificates;
import io.micronaut.context.annotation.Bean;
import dev.floorgate.gateway.internal.GatewaySettingsCheck;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * The last stage of {@code internal.GatewayBeans}: the services behind site IT's page and the picker app, built
 * here because they are package-private to the web layer. Nothing here starts before a request needs it.
 */
@Factory
final class WebBeans {
    /** Made at start (not at the first request), so a wrong fg.site.time-zone stops the start. */
    @Context
    SiteTime siteTime(GatewaySettingsCheck.Checked settings, SiteConfiguration site) {
        return new SiteTime(site.getTimeZone());
    }

    @Singleton
    GatewayInfo gatewayInfo(GatewayIdentity identity, ListenerPorts ports, @Nullable SiteCertificates certificates,
            SiteTime siteTime) {
        return new GatewayInfo(identity, ports, certificates, siteTime);
    }

    @Singleton
    PickerReports pickerReports() {
        return new PickerReports();
    }

    /** Asks printers for model and firmware on a background thread made at the first ask. */
    @Singleton
    @Bean(preDestroy = "close")
    PrinterIdentities printerIdentities(PrinterRegistry printers) {
        return new PrinterIdentities(printers);
    }

    @Singleton
    AdminOverview adminOverview(GatewayInfo info, PrinterRegistry printers, ScannerRegistry scanners,
            PrintSpooler spooler, DeviceRegistry pdas, PickerReports reports, RejectionLog rejections,
            PrinterIdentities identities, WebConfiguration config, dev.floorgate.sync.SyncEngine sync,
            dev.floorgate.gateway.internal.clock.SiteClocks clocks,
            dev.floorgate.gateway.internal.stations.StationProblems stationProblems) {
        return new AdminOverview(info, sync, printers, scanners, spooler, pdas, reports, rejections, identities,
                config, clocks, stationProblems);
    }
}
