package dev.floorgate.gateway.internal;

import dev.floorgate.gateway.CoreLinkConfiguration;
import dev.floorgate.gateway.CoreTlsConfiguration;
import dev.floorgate.gateway.GatewayConfiguration;
import dev.floorgate.gateway.SyncConfiguration;
import dev.floorgate.gateway.internal.access.DeviceRegistry;
import dev.floorgate.gateway.internal.access.OperatorSessions;
import dev.floorgate.gateway.internal.http.RequestAuth;
import dev.floorgate.gateway.internal.clock.ClockConfiguration;
import dev.floorgate.gateway.internal.clock.ClockMetrics;
import dev.floorgate.gateway.internal.clock.PrinterClockCheck;
import dev.floorgate.gateway.internal.clock.SiteClocks;
import dev.floorgate.gateway.internal.devices.AdoptedPrinters;
import dev.floorgate.gateway.internal.devices.DeviceMetrics;
import dev.floorgate.gateway.internal.devices.PrinterAccess;
import dev.floorgate.gateway.internal.devices.PrinterConfiguration;
import dev.floorgate.gateway.internal.devices.PrinterRegistry;
import dev.floorgate.gateway.internal.devices.ScannerConfiguration;
import dev.floorgate.gateway.internal.devices.ScannerRegistry;
import dev.floorgate.gateway.internal.devices.StationConfiguration;
import dev.floorgate.gateway.internal.events.EventHub;
import dev.floorgate.gateway.internal.ops.OperationIntake;
import dev.floorgate.gateway.internal.metrics.LatencyHistogram;
import dev.floorgate.gateway.internal.metrics.MetricsSource;
import dev.floorgate.gateway.internal.ops.SyncMetrics;
import dev.floorgate.gateway.internal.ops.SyncResultEvents;
import dev.floorgate.gateway.internal.devices.ScaleConfiguration;
import dev.floorgate.gateway.internal.packing.PackingMetrics;
import dev.floorgate.gateway.internal.packing.PackingSettings;
import dev.floorgate.gateway.internal.packing.RateCardDirectory;
import dev.floorgate.gateway.internal.packing.ScaleRegistry;
import dev.floorgate.gateway.internal.parcels.ParcelMetrics;
import dev.floorgate.gateway.internal.parcels.ParcelService;
import dev.floorgate.gateway.internal.photos.CameraConfiguration;
import dev.floorgate.gateway.internal.photos.PhotoConfiguration;
import dev.floorgate.gateway.internal.photos.PhotoMetrics;
import dev.floorgate.gateway.internal.photos.PhotoService;
import dev.floorgate.gateway.internal.photos.PhotoTemplateConfiguration;
import dev.floorgate.gateway.internal.photos.PhotoTemplates;
import dev.floorgate.gateway.internal.photos.StationCameras;
import dev.floorgate.gateway.internal.print.DeviceLabels;
import dev.floorgate.gateway.internal.print.PrintConfiguration;
import dev.floorgate.gateway.internal.print.ConfirmationStats;
import dev.floorgate.gateway.internal.print.PrintJobStore;
import dev.floorgate.gateway.internal.print.PrintMetrics;
import dev.floorgate.gateway.internal.print.PrintRequestReader;
import dev.floorgate.gateway.internal.print.PrintSpooler;
import dev.floorgate.gateway.internal.print.PreviewGuard;
import dev.floorgate.gateway.internal.print.TemplateService;
import dev.floorgate.gateway.internal.scans.ScanDecoder;
import dev.floorgate.gateway.internal.stations.StationMetrics;
import dev.floorgate.gateway.internal.stations.StationProblems;
import dev.floorgate.gateway.internal.stations.StationService;
import dev.floorgate.gateway.internal.tls.HostNames;
import dev.floorgate.gateway.internal.tls.HttpsConfiguration;
import dev.floorgate.gateway.internal.tls.SiteCertificates;
import dev.floorgate.gateway.internal.tls.TlsConfiguration;
import dev.floorgate.gateway.internal.web.AdminSessions;
import dev.floorgate.gateway.internal.web.AuditLog;
import dev.floorgate.gateway.internal.web.RejectionLog;
import dev.floorgate.gateway.internal.web.WebConfiguration;
import dev.floorgate.sync.PhotoOptions;
import dev.floorgate.sync.SyncEngine;
import dev.floorgate.sync.SyncOptions;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the gateway, read top to bottom: configuration (the {@code @ConfigurationProperties} and
 * {@code @EachProperty} classes, injected as they are) -> the gateway's identity -> gateway.db and its stores ->
 * the event hub and the sync engine -> device registries -> the print spool -> stations -> start and stop -> web
 * services (the web layer's own in {@code internal.web.WebBeans}; controllers and filters stay Micronaut beans and
 * are injected with what is built here). The classes themselves know nothing of Micronaut, so a test can build any
 * of them. (The event hub comes before the sync engine because the engine's results are published on it.)
 *
 * <p><b>Start.</b> No constructor starts a thread or does I/O beyond reading its configuration, except the two
 * that open files as they are built: gateway.db and the sync engine. Building checks the configuration;
 * {@link GatewayLifecycle} then starts the running parts, with the application and before the listeners take
 * requests, in this order: gateway.db (when first needed: its lock taken, {@link GatewaySchema} migrated, its
 * group-commit writer and readers started; the {@code admin} account created if there is none) -> the sync engine
 * (outbox, uploader, change feed) -> the photo uploader (its buffer, {@code <data>/photos}, opened as it is built,
 * after the engine) -> the parcel sync (its book, {@code <data>/parcels.db}, opened as it is built) -> the
 * rejection log subscribes to the event hub -> printer drivers open and poll
 * -> the spooler turns jobs left PRINTING into MAYBE_PRINTED, then runs one worker per printer -> the stations open
 * their scanners -> the printer clock check starts. A part that fails to start closes the ones before it. HTTPS
 * certificates (with {@code fg.tls.enabled}) are read or made when Netty first asks for them, and their renewal
 * check starts then.
 *
 * <p><b>Stop</b> (at shutdown, the reverse): the printer clock check stops -> scanners close -> the spooler stops
 * its workers (the label being sent gets {@code fg.print.shutdown-grace}; a worker returns only once its last
 * change committed) -> printer drivers close -> the rejection log unsubscribes -> the parcel sync stops and its
 * book closes -> the photo uploader stops and the photo index closes -> the sync engine stops (its outbox is
 * durable). Then Micronaut closes the plain resources ({@code preDestroy}) after everything that uses
 * them: the device registry (its last-seen times), the printer identity asker, the certificate check, and gateway.db
 * last (its writer commits what waits, then the file is checkpointed and its lock released).
 */
@Factory
final class GatewayBeans {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayBeans.class);

    // ---- configuration checks

    /**
     * Stops the start when {@code fg.admin-token} or {@code fg.core.secret} is set but shorter than
     * {@link StartupSecrets#MIN_LENGTH} characters; gateway.db and the sync engine take it as a parameter, so it
     * runs before either opens a file.
     */
    @Singleton
    StartupSecrets.Checked startupSecrets(GatewaySettingsCheck.Checked settings, GatewayConfiguration gateway,
            CoreLinkConfiguration core) {
        StartupSecrets.check(gateway.getAdminToken(), core.getSecret());
        return new StartupSecrets.Checked();
    }

    /**
     * Every scalar fg.* setting checked as text (GatewaySettingsCheck), first: built at start, and a parameter of the
     * secrets check (so of gateway.db and the sync engine) and of everything else built at start.
     */
    @Context
    GatewaySettingsCheck.Checked settingsChecked(Environment environment) {
        return GatewaySettingsCheck.run(environment);
    }

    // ---- the gateway's identity

    @Singleton
    GatewayIdentity identity(@Value("${fg.gateway.id:}") String configuredId) {
        return GatewayIdentity.of(configuredId);
    }

    // ---- gateway.db and its stores

    /** One file, lock and group-commit writer for every store below; a second gateway on the data dir is refused. */
    @Singleton
    @Bean(preDestroy = "close")
    GatewayDatabase database(GatewayConfiguration gateway, StartupSecrets.Checked secretsChecked) {
        try {
            return GatewayDatabase.open(Paths.get(gateway.getDataDir()));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Runs a configuration check that comes after gateway.db opened (the printers' check reads the adopted
     * printers): a mistake closes gateway.db again, so a start stopped by it leaves no lock behind and the next
     * start on the same data directory, in this process too, opens it.
     */
    private static <T> T checkedAfterOpening(GatewayDatabase db, Supplier<T> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }


    /** Closed before gateway.db: it writes the devices' last-seen times still in memory. */
    @Singleton
    @Bean(preDestroy = "close")
    DeviceRegistry devices(GatewayDatabase db) {
        return new DeviceRegistry(db);
    }

    @Singleton
    OperatorSessions operatorSessions(GatewayDatabase db) {
        return new OperatorSessions(db);
    }

    @Singleton
    AdminSessions adminSessions(GatewayDatabase db, WebConfiguration web) {
        AdminSessions sessions = new AdminSessions(db, web);
        sessions.ensureInitialAccount();
        return sessions;
    }

    @Singleton
    AuditLog audit(GatewayDatabase db, WebConfiguration web) {
        return new AuditLog(db, web);
    }

    @Singleton
    AdoptedPrinters adoptedPrinters(GatewayDatabase db) {
        return new AdoptedPrinters(db);
    }

    @Singleton
    PrintJobStore printJobs(GatewayDatabase db, JsonMapper json) {
        return new PrintJobStore(db, json);
    }

    // ---- the event hub and the sync engine

    @Singleton
    MemoryGuard memoryGuard(LimitsConfiguration limits) {
        return new MemoryGuard(limits.getMinFreeHeapPercent());
    }

    /** Told by the device registry and the site IT sessions when access ends, so those streams close at once. */
    @Singleton
    EventHub events(LimitsConfiguration limits, DeviceRegistry devices, AdminSessions sessions) {
        EventHub hub = new EventHub(limits.getStreamsPerDevice(), limits.getStreamsTotal());
        devices.onAccessEnded(hub);
        sessions.onAccessEnded(hub);
        return hub;
    }

    /** Started as it is built (offline-sync has no other way); closed by {@link #lifecycle}. */
    @Singleton
    SyncEngine syncEngine(GatewayConfiguration gateway, CoreLinkConfiguration core, CoreTlsConfiguration coreTls,
            SyncConfiguration sync, GatewayIdentity identity, EventHub events, StartupSecrets.Checked secretsChecked) {
        try {
            DataDirectory.secure(Paths.get(gateway.getDataDir())); // before the outbox and cache files, if first
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        SyncOptions.Builder options = SyncOptions.builder()
                .dataDir(Paths.get(gateway.getDataDir()))
                .gatewayId(identity.id())
                .batchSize(sync.getBatchSize())
                .pollInterval(sync.getPollInterval())
                .backoffMin(sync.getBackoffMin())
                .backoffMax(sync.getBackoffMax())
                .warehouses(sync.getWarehouses().stream().map(String::trim).filter(w -> !w.isEmpty())
                        .collect(Collectors.toSet()))
                .diskFloorBytes(sync.getDiskFloor())
                .retention(sync.getRetention())
                .prepareAhead(sync.isPrepareAhead());
        if (core.isOnline()) {
            options.coreUrl(core.getUrl()).keyId(core.getKeyId()).secret(core.getSecret())
                    .coreProbeInterval(core.getProbeInterval())
                    .coreTls(GatewaySettingsCheck.coreTls(coreTls.getCaFile(), coreTls.getPin(),
                            coreTls.getClientCert(), coreTls.getClientKey()));
        } else if (core.getUrl() != null) {
            LOG.warn("fg.core.url is set but fg.core.key-id / fg.core.secret are not: staying offline");
        }
        try {
            return SyncEngine.start(options.build(), new SyncResultEvents(events));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the outbox under " + gateway.getDataDir() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The parcel photo buffer in {@code <data>/photos} (fg.photos.*), opened after the sync engine: its floor is
     * checked against the engine's, and its uploader uses the engine's core link. Rows of photos uploaded longer
     * than fg.sync.retention ago are pruned at start. The uploader starts in {@link #lifecycle}.
     */
    @Singleton
    PhotoService photos(GatewayConfiguration gateway, PhotoConfiguration photos, SyncConfiguration sync,
            SyncEngine engine) {
        PhotoOptions options = PhotoOptions.builder()
                .quotaBytes(photos.getQuota())
                .diskFloorBytes(PhotoService.diskFloor(photos.getDiskFloor(), sync.getDiskFloor()))
                .maxPhotoBytes(photos.getMaxPhotoBytes())
                .chunkBytes(photos.getChunkBytes())
                .backoff(sync.getBackoffMin(), sync.getBackoffMax())
                .build();
        java.nio.file.Path dir = Paths.get(gateway.getDataDir()).resolve("photos");
        try {
            return PhotoService.open(dir, engine, options, sync.getRetention());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the photo buffer under " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The fixed station cameras (fg.cameras.*), built and checked when the gateway starts (a bad entry stops it). */
    @Context
    StationCameras stationCameras(List<CameraConfiguration> cameras) {
        return new StationCameras(cameras);
    }

    /** The photo templates per tenant (fg.photo-templates.*), built and checked when the gateway starts. */
    @Context
    PhotoTemplates photoTemplates(List<PhotoTemplateConfiguration> templates) {
        return new PhotoTemplates(templates);
    }

    @Singleton
    PhotoMetrics photoMetrics(PhotoService photos) {
        return new PhotoMetrics(photos);
    }

    /**
     * The parcel book in {@code <data>/parcels.db} (issue 17 item 1: the offline cache of announced parcels and the
     * durable queue of intakes), opened after the sync engine: intakes share the operations' disk floor, and its
     * sync uses the engine's core link and pulls the feeds of the enrolled devices' tenants and warehouses.
     * Intakes answered longer than fg.sync.retention ago are purged at start. The sync starts in {@link #lifecycle}.
     */
    @Singleton
    ParcelService parcels(GatewayConfiguration gateway, SyncConfiguration sync, SyncEngine engine,
            DeviceRegistry devices, GatewayIdentity identity) {
        java.nio.file.Path file = Paths.get(gateway.getDataDir()).resolve("parcels.db");
        try {
            return ParcelService.open(file, engine, devices, identity.id(), sync.getRetention());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the parcel book " + file + ": " + e.getMessage(), e);
        }
    }

    /** The tenants' rate cards (fg.rate-cards-dir, one folder per tenant); a bad card stops the start naming it. */
    @Singleton
    RateCardDirectory rateCards(@Value("${fg.rate-cards-dir:}") String dir) {
        return RateCardDirectory.load(dir);
    }

    /** Checks fg.scales; the drivers open and close with the gateway ({@link #lifecycle}). */
    @Singleton
    ScaleRegistry scales(List<ScaleConfiguration> configs) {
        return new ScaleRegistry(configs);
    }

    @Singleton
    PackingSettings packingSettings(@Value("${fg.packing.scale-wait:3s}") Duration scaleWait,
            @Value("${fg.packing.from-name:FloorGate}") String fromName,
            @Value("${fg.packing.from-street:-}") String fromStreet,
            @Value("${fg.packing.from-city:-}") String fromCity) {
        return new PackingSettings(scaleWait, fromName, fromStreet, fromCity);
    }

    @Singleton
    PackingMetrics packingMetrics(ParcelService parcels, ScaleRegistry scales) {
        return new PackingMetrics(parcels, scales);
    }

    @Singleton
    ParcelMetrics parcelMetrics(ParcelService parcels) {
        return new ParcelMetrics(parcels);
    }

    @Singleton
    RejectionLog rejections(GatewayDatabase db, SyncEngine engine, EventHub events) {
        return new RejectionLog(db, engine, events);
    }

    @Singleton
    SyncMetrics syncMetrics(SyncEngine engine) {
        return new SyncMetrics(engine);
    }

    /** The gateway's own time to answer {@code POST /api/v1/operations} (SubmitLatencyFilter records it). */
    @Singleton
    LatencyHistogram submitLatency() {
        return new LatencyHistogram("floorgate_operation_submit_seconds",
                "Time from a routed POST /api/v1/operations to its answer, inside the gateway");
    }

    @Singleton
    MetricsSource submitLatencyMetrics(LatencyHistogram submitLatency) {
        return submitLatency::writeTo;
    }

    /** The site's clocks against the core's: the gateway's (measured by the engine), the PDAs' and printers'. */
    @Singleton
    SiteClocks siteClocks(SyncEngine engine, ClockConfiguration clock) {
        return new SiteClocks(engine.clockOffset(), engine::coreKeyRefusal, clock.getMaxOffset(),
                clock.getDeviceMaxOffset());
    }

    @Singleton
    ClockMetrics clockMetrics(SiteClocks clocks) {
        return new ClockMetrics(clocks);
    }

    /**
     * Reads printer clocks, and sets them where site IT allows it. Started and stopped by {@link #lifecycle} after
     * the printer drivers: built eagerly on its own it would open the sync engine (through the site clocks) before
     * the configuration checks, and a start stopped by a mistake would leave the outbox locked.
     */
    @Singleton
    PrinterClockCheck printerClocks(PrinterRegistry printers, SiteClocks clocks, ClockConfiguration clock,
            io.micronaut.context.env.Environment env, dev.floorgate.gateway.internal.web.SiteTime site) {
        return new PrinterClockCheck(printers, clocks, name -> clock.isSetPrinters() || env.getProperty(
                "fg.printers." + name + ".set-clock", Boolean.class).orElse(false), clock.getPrinterCheckInterval(),
                site.zone());
    }

    // ---- device registries and their drivers

    /** Checks fg.printers (and the adopted printers); the drivers open in {@link #lifecycle}. */
    @Singleton
    PrinterRegistry printers(List<PrinterConfiguration> configs, EventHub events, AdoptedPrinters adopted,
            GatewayDatabase db) {
        return checkedAfterOpening(db, () -> new PrinterRegistry(configs, events, adopted));
    }

    /**
     * Which tenants may use which printer and who holds the printer admin role (fg.printers.*.tenants, shared,
     * admin-devices; fg.stations.*.printer-admin); checks them against the stations.
     */
    @Singleton
    PrinterAccess printerAccess(PrinterRegistry printers, List<StationConfiguration> stations, GatewayDatabase db) {
        return checkedAfterOpening(db, () -> new PrinterAccess(printers, stations));
    }

    /** Checks fg.scanners; the scanners open with the stations ({@link StationService#start}). */
    @Singleton
    ScannerRegistry scanners(List<ScannerConfiguration> configs, EventHub events, GatewayDatabase db) {
        return checkedAfterOpening(db, () -> new ScannerRegistry(configs, events));
    }

    @Singleton
    DeviceMetrics deviceMetrics(PrinterRegistry printers, ScannerRegistry scanners) {
        return new DeviceMetrics(printers, scanners);
    }

    // ---- the print spool

    @Singleton
    TemplateService templates(@Value("${fg.templates-dir:}") String templatesDir, GatewayDatabase db,
            PreviewGuard previewGuard, jakarta.inject.Provider<SiteClocks> clocks,
            dev.floorgate.gateway.internal.web.SiteTime site) {
        TemplateService templates = checkedAfterOpening(db, () -> TemplateService.load(templatesDir));
        templates.guardPreviewsWith(previewGuard);
        // gateway-time template fields print core time in the site's zone (the site clocks open with the engine)
        templates.useClock(new dev.floorgate.gateway.internal.clock.CoreTimeClock(() -> clocks.get().coreNow(),
                site.zone()));
        return templates;
    }

    @Singleton
    @Bean(preDestroy = "close")
    PreviewGuard previewGuard(LimitsConfiguration limits, MemoryGuard memory) {
        return new PreviewGuard(limits.getPreviewMaxPixels(), limits.getPreviewConcurrency(),
                limits.getPreviewQueue(), limits.getPreviewTimeout(), memory);
    }

    @Singleton
    PrintSpooler spooler(PrintJobStore store, PrinterRegistry printers, PrinterAccess access, EventHub events,
            PrintConfiguration config) {
        return new PrintSpooler(store, printers, access, events, config, new ConfirmationStats());
    }

    @Singleton
    PrintRequestReader printRequests(PrinterRegistry printers, PrinterAccess access,
            List<StationConfiguration> stations, TemplateService templates, PrintConfiguration config) {
        return new PrintRequestReader(printers, access, stations, templates, config);
    }

    /** Labels printed for a device from outside the print API (the parcel intake label), with its checks. */
    @Singleton
    DeviceLabels deviceLabels(PrintRequestReader reader, PrintSpooler spooler) {
        return new DeviceLabels(reader, spooler);
    }

    @Singleton
    PrintMetrics printMetrics(PrintSpooler spooler) {
        return new PrintMetrics(spooler);
    }

    // ---- stations

    @Singleton
    ScanDecoder scanDecoder(SyncEngine engine) {
        return new ScanDecoder(engine);
    }

    /** Checks fg.stations against the printers, scanners and templates; opens nothing. */
    @Singleton
    StationService.Plan stationPlan(List<StationConfiguration> configs, PrinterRegistry printers,
            ScannerRegistry scanners, TemplateService templates, GatewayDatabase db) {
        return checkedAfterOpening(db, () -> StationService.plan(configs, printers, scanners, templates));
    }

    @Singleton
    StationService stations(StationService.Plan plan, ScannerRegistry scanners, TemplateService templates,
            PrintSpooler spooler, ScanDecoder decoder, SyncEngine engine, EventHub events, StationProblems problems) {
        return new StationService(plan, scanners, templates, spooler, decoder, engine, events, problems);
    }

    /** Failed station scans for site IT's page (in memory, bounded). */
    @Singleton
    StationProblems stationProblems() {
        return new StationProblems();
    }

    @Singleton
    StationMetrics stationMetrics(StationService stations) {
        return new StationMetrics(stations);
    }

    // ---- start and stop

    /**
     * Starts the running parts in order, with the application (before the listeners take requests). Micronaut builds
     * the parameters in the order written: first everything that checks configuration (printers, scanners,
     * templates, stations), so a mistake stops the start before the sync engine has opened the outbox; gateway.db,
     * which the printers' check needs open, is closed again by a failing check ({@link #checkedAfterOpening}).
     */
    @Context
    @Bean(preDestroy = "close")
    GatewayLifecycle lifecycle(GatewaySettingsCheck.Checked settings, PrinterRegistry printers, PrinterAccess printerAccess, ScannerRegistry scanners,
            StationService.Plan plan,
            RateCardDirectory rateCards, ScaleRegistry scales,
            SyncEngine engine, PhotoService photos, ParcelService parcels, RejectionLog rejections,
            PrintSpooler spooler,
            StationService stations, PrinterClockCheck printerClocks) {
        return new GatewayLifecycle()
                .then("the sync engine", () -> { }, engine::close)
                .then("the photo uploader", photos::start, photos::close)
                .then("the parcel sync", parcels::start, parcels::close)
                .then("the packing stations' scales", scales::start, scales::close)
                .then("the rejection log", rejections::start, rejections::close)
                .then("the printer drivers", printers::start, printers::close)
                .then("the print spooler", spooler::start, spooler::close)
                .then("the stations' scanners", stations::start, scanners::close)
                .then("the printer clock check", printerClocks::start, printerClocks::close)
                .start();
    }

    /** The lines that say where to go once the listeners are up (plain and HTTPS URLs, pages, password, data). */
    @Singleton
    StartupLines startupLines(GatewayConfiguration gateway, CoreLinkConfiguration core, TlsConfiguration tls,
            HttpsConfiguration https, WebConfiguration web, @Value("${micronaut.server.port:8080}") int plainPort) {
        return new StartupLines(new StartupLines.Facts(HostNames.hostName(), plainPort, https.getHttpsPort(),
                tls.isEnabled(), https.isPlainHttp(), Paths.get(gateway.getDataDir()).toAbsolutePath().normalize()
                .toString(), core.getUrl(), core.getKeyId(), core.isOnline(), web.getInitialPassword()));
    }

    // ---- web services (more in internal.web.WebBeans)

    @Singleton
    RequestAuth requestAuth(DeviceRegistry devices, GatewayConfiguration gateway, AdminSessions sessions) {
        return new RequestAuth(devices, gateway, List.of(sessions));
    }

    @Singleton
    OperationIntake operationIntake(SyncEngine engine, OperatorSessions sessions, SyncConfiguration sync,
            LimitsConfiguration limits, SiteClocks clocks) {
        return new OperationIntake(engine, sessions, sync, limits.getOperationsMaxChars(), clocks);
    }

    /** Only with HTTPS on; read or made (and its renewal check started) when Netty first asks for it. */
    @Singleton
    @Requires(property = "fg.tls.enabled", notEquals = "false")
    @Bean(preDestroy = "close")
    SiteCertificates siteCertificates(TlsConfiguration tls, GatewayConfiguration gateway, GatewayIdentity identity) {
        return new SiteCertificates(tls, Paths.get(gateway.getDataDir()).toAbsolutePath().normalize().resolve("tls"),
                identity.id(), Clock.systemUTC()).start();
    }
}
