package dev.floorgate.core.internal;

import dev.floorgate.core.BusConfiguration;
import dev.floorgate.core.CoreConfiguration;
import dev.floorgate.core.CoreConfigurationException;
import dev.floorgate.core.OrderSagaConfiguration;
import dev.floorgate.core.PhotosConfiguration;
import dev.floorgate.core.MysqlConfiguration;
import dev.floorgate.core.RedisConfiguration;
import dev.floorgate.core.ReplenishmentConfiguration;
import dev.floorgate.core.TrafficConfiguration;
import dev.floorgate.protocol.SettingsCheck;
import dev.floorgate.protocol.SignatureVerifier;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Wires the core, read top to bottom: stores (Redis, MySQL), the scripts, the hot path and what guards it, the
 * write-back, reconciliation, then the bus and the order saga (issue 15). The classes themselves know nothing of Micronaut, so tests can build any of them.
 */
@Factory
final class CoreBeans {
    /**
     * Every fg.* setting checked as text (CoreSettingsCheck) before any store opens: Redis and MySQL take it as a
     * parameter, and everything else that runs at start needs one of them.
     */
    @Context
    CoreSettingsCheck.Checked settingsChecked(Environment environment) {
        return CoreSettingsCheck.run(environment);
    }

    @Singleton
    KeyLayout keyLayout(CoreConfiguration core) {
        return new KeyLayout(core.getBuckets());
    }

    @Singleton
    KeyRing keyRing(CoreConfiguration core) {
        return KeyRing.parse(core.getKeys());
    }

    @Singleton
    @Bean(preDestroy = "close")
    RedisConnector redis(CoreSettingsCheck.Checked checked, RedisConfiguration config) {
        return new RedisConnector(config);
    }

    @Singleton
    @Bean(preDestroy = "close")
    Database database(CoreSettingsCheck.Checked checked, MysqlConfiguration mysql, CoreConfiguration core) {
        return new Database(mysql, core.getBuckets());
    }

    // issue 17 item 4: each tenant's own schema, used with its own MySQL user (docs/TENANTS.md): its parcels,
    // shipments and photos as tables, its stock, ledger, master data and orders as views of its rows in the shared
    // tables; the tenants of the keys are added at start, as `tenant add` would
    @Context
    @Bean(preDestroy = "close")
    TenantDatabases tenantDatabases(Database db, MysqlConfiguration mysql, KeyRing keys) throws SQLException {
        try {
            return new TenantDatabases(db, mysql).start(keys.tenants());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new CoreConfigurationException(e.getMessage(), e);
        }
    }

    @Singleton
    Scripts scripts(RedisConnector redis) {
        return Scripts.loadInto(redis);
    }

    @Singleton
    CoreMetrics metrics() {
        return new CoreMetrics();
    }

    /**
     * Redis key layout 2 (tenant in the hash tag, issue 17 item 4): a Redis written by layout 1 is written back and
     * cleared first (RedisLayoutUpgrade); everything that touches stock keys goes through the registry, so through
     * this.
     */
    @Singleton
    RedisLayoutUpgrade.Outcome redisLayout(RedisConnector redis, Database db, KeyLayout keys, WriteBackWriter writer,
            Scripts scripts, CoreMetrics metrics, @Named("instanceId") String instanceId, CoreConfiguration core)
            throws SQLException, InterruptedException {
        return new RedisLayoutUpgrade(redis, db, keys.buckets(), writer, scripts.trim(), metrics, instanceId,
                core.getJobLeaseTtl()).run();
    }

    /** The tenants with keys in Redis (fg:tenants), whose buckets the write-back and reconciliation loop over. */
    @Singleton
    TenantRegistry tenantRegistry(RedisLayoutUpgrade.Outcome layout, RedisConnector redis, KeyLayout keys) {
        return new TenantRegistry(redis, keys, 100);
    }

    @Context
    @Bean(preDestroy = "close")
    LoadShedder shedder(RedisConnector redis, Database db, TenantRegistry tenants, CoreMetrics metrics,
            CoreConfiguration core) {
        return new LoadShedder(redis, db, tenants, metrics, core.getWriteback().getMaxLag(), core.getRetryAfter(),
                core.getHealthInterval());
    }

    @Singleton
    RequestGuard guard(KeyRing keys, RedisConnector redis, CoreConfiguration core) {
        SignatureVerifier verifier = new SignatureVerifier(keys.keys(), new RedisNonceStore(redis),
                System::currentTimeMillis, core.getSignatureWindow().toMillis());
        return new RequestGuard(verifier, core.getAdminToken(), core.getRetryAfter());
    }

    @Singleton
    MasterDataStore masterData(TenantDatabases db, JsonMapper json) {
        return new MasterDataStore(db, json);
    }

    /** The ledger and stock reads of the hot path, each on the tenant's own connection (docs/TENANTS.md). */
    @Singleton
    LedgerStore ledger(Database db, TenantDatabases tenantDbs, KeyRing keyRing) {
        return new LedgerStore(db, tenantDbs, keyRing.tenants());
    }

    @Singleton
    ColdLoader coldLoader(RedisConnector redis, KeyLayout keys, TenantRegistry tenants, LedgerStore ledger,
            Scripts scripts, CoreConfiguration core) {
        return new ColdLoader(redis, keys, tenants, ledger, scripts.load(), core.getIdempotencyTtl().toMillis());
    }

    /** WAIT for fg.redis.wait-replicas replicas before answering or writing back (0 = off). */
    @Singleton
    ReplicaConfirmer replicaConfirmer(RedisConnector redis, RedisConfiguration config) {
        return new ReplicaConfirmer(redis, config.getWaitReplicas(), config.getWaitTimeout());
    }

    /** Per-tenant gray-release switches (issue 14), reread from MySQL every fg.core.switches.refresh. */
    @Singleton
    @Bean(preDestroy = "close")
    TenantSwitches tenantSwitches(Database db, TrafficConfiguration.Switches config) {
        Map<TenantSwitches.Switch, Boolean> defaults = new EnumMap<>(TenantSwitches.Switch.class);
        defaults.put(TenantSwitches.Switch.COMBINING, config.isCombining());
        defaults.put(TenantSwitches.Switch.HOTSPOT_ISOLATION, config.isHotspotIsolation());
        return new TenantSwitches(db, defaults, config.getRefresh()).start();
    }

    @Singleton
    OperationEngine engine(RedisConnector redis, KeyLayout keys, Scripts scripts, ColdLoader loader,
            LedgerStore ledger, MasterDataStore master, LoadShedder shedder, CoreMetrics metrics, KeyRing keyRing,
            CoreConfiguration core, TenantSwitches switches, ReplicaConfirmer replicas, TenantRegistry tenants) {
        return new OperationEngine(redis, keys, scripts.apply(), loader, ledger, master, shedder, metrics,
                keyRing.tenants(), core.getIdempotencyTtl().toMillis(), core.getClockSkewMargin().toMillis(),
                System::currentTimeMillis, tenant -> switches.on(tenant, TenantSwitches.Switch.COMBINING), tenants)
                .confirmedBy(replicas);
    }

    /** The lanes (real-time, bulk, sync, hot) and the hotspot detector that picks the hot lane (issue 14). */
    @Singleton
    @Bean(preDestroy = "close")
    TrafficLanes trafficLanes(TrafficConfiguration.Lanes lanes, TrafficConfiguration.Realtime realtime,
            TrafficConfiguration.Bulk bulk, TrafficConfiguration.Sync sync, TrafficConfiguration.Hotspot hotspot,
            TenantSwitches switches, CoreMetrics metrics, CoreConfiguration core) {
        Map<TrafficLanes.Lane, TrafficLanes.Limits> limits = new EnumMap<>(TrafficLanes.Lane.class);
        limits.put(TrafficLanes.Lane.REALTIME, limits(realtime));
        limits.put(TrafficLanes.Lane.BULK, limits(bulk));
        limits.put(TrafficLanes.Lane.SYNC, limits(sync));
        limits.put(TrafficLanes.Lane.HOT, limits(hotspot));
        HotspotDetector detector = new HotspotDetector(hotspot.getWindow(), hotspot.getSlices(),
                hotspot.getThreshold(), System::currentTimeMillis);
        Duration slice = hotspot.getWindow().dividedBy(hotspot.getSlices());
        return new TrafficLanes(limits, detector, tenant -> switches.on(tenant,
                TenantSwitches.Switch.HOTSPOT_ISOLATION), lanes.getBulkThreshold(), core.getRetryAfter(), slice,
                metrics).start();
    }

    private static TrafficLanes.Limits limits(TrafficConfiguration.Lane lane) {
        return new TrafficLanes.Limits(lane.getThreads(), lane.getQueue(), lane.getTimeout());
    }

    /** The transactional outbox the write-back and the order saga write events into (only with a bus). */
    @Singleton
    EventOutbox eventOutbox(BusConfiguration bus) {
        return new EventOutbox(bus.isEnabled());
    }

    /**
     * The write-back's commits, each on its tenant's own connection; their events go to the tenant schema's outbox,
     * so a commit nudges the relay and wakes the publisher.
     */
    @Singleton
    WriteBackWriter writeBackWriter(Database db, TenantDatabases tenantDbs, KeyRing keyRing, KeyLayout keys,
            EventOutbox outbox, TenantOutboxRelay relay, @Nullable EventPublisher publisher) {
        return new WriteBackWriter(db, tenantDbs, keyRing.tenants(), keys, outbox, afterTenantCommit(relay, publisher));
    }

    /** This instance's name among several (issue 14): write-back consumer and job lease owner. */
    @Singleton
    @Named("instanceId")
    String instanceId(CoreConfiguration core) {
        return InstanceId.of(core.getInstanceId());
    }

    @Context
    @Requires(property = "fg.core.writeback.enabled", notEquals = "false")
    @Bean(preDestroy = "close")
    WriteBackWorker writeBackWorker(RedisConnector redis, TenantRegistry tenants, WriteBackWriter writer,
            Scripts scripts, CoreMetrics metrics, CoreConfiguration core, @Nullable EventPublisher publisher,
            @Named("instanceId") String instanceId, ReplicaConfirmer replicas) {
        CoreConfiguration.WriteBack wb = core.getWriteback();
        Runnable afterCommit = publisher == null ? () -> { } : publisher::wake; // events go out without a poll wait
        String consumer = wb.getConsumer() == null || wb.getConsumer().isBlank() ? instanceId : wb.getConsumer();
        return new WriteBackWorker(redis, tenants::buckets, writer, scripts.trim(), metrics, consumer,
                wb.getBatchSize(),
                wb.getPollInterval(), wb.getTrimInterval(), wb.getClaimIdle(), wb.getConsumerExpiry(), afterCommit)
                .confirmedBy(replicas).start();
    }

    /**
     * The leases of the scheduled jobs below (issue 14): with several instances on one database each job runs on
     * the one holding its lease. Gates are handed out before start(), which takes the leases.
     */
    @Singleton
    @Bean(preDestroy = "close")
    JobLeases jobLeases(Database db, CoreConfiguration core, @Named("instanceId") String instanceId) {
        return new JobLeases(db, instanceId, core.getJobLeaseTtl());
    }

    /** Starts the lease heartbeat once every job has asked for its gate (Micronaut builds this after them). */
    @Context
    JobLeasesStarted jobLeasesStarted(JobLeases leases, ReconcileJob reconcile, OrderSagaMonitor saga,
            @Nullable SuggestionPublishJob publish) {
        leases.start();
        return new JobLeasesStarted();
    }

    /** The bean that says the lease heartbeat runs. */
    static final class JobLeasesStarted {
    }

    @Singleton
    Reconciler reconciler(RedisConnector redis, Database db, TenantDatabases tenantDbs, KeyRing keyRing,
            KeyLayout keys, TenantRegistry tenants, Scripts scripts, CoreMetrics metrics, CoreConfiguration core) {
        return new Reconciler(redis, db, tenantDbs, keyRing.tenants(), keys, tenants, scripts.snapshot(), metrics,
                core.getReconcile().getMaxDifferences());
    }

    @Context
    @Bean(preDestroy = "close")
    ReconcileJob reconcileJob(Reconciler reconciler, CoreConfiguration core, JobLeases leases) {
        return new ReconcileJob(reconciler, core.getReconcile().getInterval(), leases.gate(JobLeases.RECONCILE));
    }

    @Singleton
    CorrectionService corrections(RedisConnector redis, KeyLayout keys, Scripts scripts, ColdLoader loader,
            LedgerStore ledger, TenantDatabases tenantDbs, Database db, KeyRing keyRing, JsonMapper json,
            ReplicaConfirmer replicas) {
        return new CorrectionService(redis, keys, scripts.correct(), loader, ledger, tenantDbs, db, keyRing.tenants(),
                json)
                .confirmedBy(replicas);
    }

    @Singleton
    ChangesFeed changes(TenantDatabases db, MasterDataStore master) {
        return new ChangesFeed(db, master);
    }

    // an order's rows are its tenant's: every saga step runs on TenantDatabases.connection(tenant), its events go
    // into the tenant schema's outbox in the step's transaction and out through the relay, woken at the commit
    @Singleton
    OrderService orders(TenantDatabases db, OperationEngine engine, EventOutbox outbox, TenantOutboxRelay relay,
            @Nullable EventPublisher publisher) {
        return new OrderService(db, engine, outbox, afterTenantCommit(relay, publisher));
    }

    // ------------------------------------------------ issue 15: the bus (only when fg.bus.uri is set) and the saga

    @Singleton
    @Requires(property = "fg.bus.uri")
    BusConnector busConnector(BusConfiguration bus) {
        return new BusConnector(bus);
    }

    @Context
    @Requires(property = "fg.bus.uri")
    @Bean(preDestroy = "close")
    EventPublisher eventPublisher(Database db, BusConnector bus, CoreMetrics metrics, TenantOutboxRelay relay) {
        return new EventPublisher(db, bus, metrics).relaying(relay).start();
    }

    @Singleton
    TenantOutboxRelay tenantOutboxRelay(Database db, TenantDatabases tenants) {
        return new TenantOutboxRelay(db, tenants);
    }

    /** After a tenant-schema commit: the relay sweeps at the publisher's next round, woken now. */
    private static Runnable afterTenantCommit(TenantOutboxRelay relay, EventPublisher publisher) {
        return publisher == null ? () -> { } : () -> {
            relay.nudge();
            publisher.wake();
        };
    }

    @Context
    @Requires(property = "fg.bus.uri")
    @Bean(preDestroy = "close")
    OrderCommandConsumer orderCommands(BusConnector bus, OrderService orders, MasterDataStore master, JsonMapper json,
            CoreMetrics metrics) {
        return new OrderCommandConsumer(bus, orders, master, json, metrics).start();
    }

    @Context
    @Bean(preDestroy = "close")
    OrderSagaMonitor orderSagaMonitor(TenantDatabases db, OrderService orders, EventOutbox outbox,
            TenantOutboxRelay relay, @Nullable EventPublisher publisher, CoreMetrics metrics,
            OrderSagaConfiguration saga, JobLeases leases) {
        return new OrderSagaMonitor(db, orders, outbox, afterTenantCommit(relay, publisher), metrics,
                saga.getPendingTimeout(), saga.getStuckAfter(), saga.getScanInterval(),
                leases.gate(JobLeases.ORDER_SAGA));
    }

    // replenishment (issue 15 item 3): suggestions from the ledger's demand; with a bus, those due for an order go
    // into the outbox as replenishment.suggested events (SuggestionEvents), on a schedule and from the admin API
    @Context
    ReplenishmentSettingsStore replenishmentSettings(TenantDatabases db, ReplenishmentConfiguration config) {
        config.publishInterval(); // checked at the start like the defaults, naming the key
        config.publishTime();
        return new ReplenishmentSettingsStore(db, config.defaults());
    }

    @Singleton
    ReplenishmentService replenishment(TenantDatabases db, ReplenishmentSettingsStore settings, EventOutbox outbox,
            ReplenishmentConfiguration config, TenantOutboxRelay relay, @Nullable EventPublisher publisher) {
        // the events go into the tenant schema's outbox (its connection cannot reach the shared one): the relay moves
        // them on, woken after the commit like the parcels' events
        SuggestionSink sink = outbox.enabled()
                ? new SuggestionEvents(db, outbox, afterTenantCommit(relay, publisher))
                : SuggestionSink.NONE;
        return new ReplenishmentService(new DemandReader(db), settings, sink, config.getHistoryDays(),
                Clock.systemUTC());
    }

    @Context
    @Requires(property = "fg.bus.uri")
    @Bean(preDestroy = "close")
    SuggestionPublishJob suggestionPublishJob(ReplenishmentService service, TenantDatabases db,
            ReplenishmentConfiguration config, JobLeases leases) {
        return new SuggestionPublishJob(service, db, config.publishInterval(), config.publishTime(),
                Clock.systemUTC(), leases.gate(JobLeases.REPLENISHMENT_PUBLISH)).start();
    }

    // issue 17 item 1: parcels announced, fed to the gateways, received at intake; their events go into the outbox
    // in the transaction of the change (with a bus), and out without a poll wait
    @Singleton
    ParcelService parcels(TenantDatabases db, EventOutbox outbox, JsonMapper json, TenantOutboxRelay relay,
            @Nullable EventPublisher publisher) {
        return new ParcelService(db, outbox, json, afterTenantCommit(relay, publisher));
    }

    // issue 17 item 1 on the bus: announcements from the storefront's tenant account, the same path as HTTP; the
    // rejections go out as events (EVENTS.md "Parcels in"); fg.bus.parcels-enabled=false leaves HTTP only
    @Context
    @Requires(property = "fg.bus.uri")
    @Requires(property = "fg.bus.parcels-enabled", notEquals = "false")
    @Bean(preDestroy = "close")
    ParcelCommandConsumer parcelCommands(BusConnector bus, ParcelService parcels, MasterDataStore master, Database db,
            EventOutbox outbox, JsonMapper json, CoreMetrics metrics, @Nullable EventPublisher publisher) {
        return new ParcelCommandConsumer(bus, parcels, master, db, outbox, json, metrics,
                publisher == null ? () -> { } : publisher::wake).start();
    }

    // issue 17 item 3: consolidated shipments close and reopen parcels under the parcel writers' lock; their events
    // and the parcels' go into the outbox in the transaction of the change
    @Singleton
    ShipmentService shipments(TenantDatabases db, EventOutbox outbox, JsonMapper json, TenantOutboxRelay relay,
            @Nullable EventPublisher publisher) {
        return new ShipmentService(db, outbox, json, afterTenantCommit(relay, publisher));
    }

    // issue 17: parcel photos, only when fg.photos.endpoint is set (PhotosConfiguration; checked by
    // CoreSettingsCheck like every other key)

    @Singleton
    @Requires(property = "fg.photos.endpoint")
    @Bean(preDestroy = "close")
    PhotoStore photoStore(CoreSettingsCheck.Checked checked, PhotosConfiguration config, KeyRing keys,
            Environment environment) {
        // the tenants' own S3 identities, read by tenant code (TenantPhotoSettings; checked above already)
        var own = TenantPhotoSettings.read(new SettingsCheck(key -> environment.getProperty(key, String.class)
                .orElse(null)), keys.tenants(), environment.getPropertyEntries(TenantPhotoSettings.PREFIX));
        return new PhotoStore(new PhotoIdentities(config, own));
    }

    @Singleton
    @Requires(property = "fg.photos.endpoint")
    PhotoService photoService(PhotoStore store, TenantDatabases db, PhotosConfiguration config,
            CoreConfiguration core) {
        return new PhotoService(store, new PhotoUploadStore(db), config, core.getRetryAfter());
    }

    @Singleton
    @Requires(property = "fg.photos.endpoint")
    PhotoReviews photoReviews(TenantDatabases db, EventOutbox outbox, TenantOutboxRelay relay,
            @Nullable EventPublisher publisher) {
        return new PhotoReviews(db, new PhotoUploadStore(db), outbox, afterTenantCommit(relay, publisher));
    }
}
