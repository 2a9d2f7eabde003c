package dev.floorgate.gateway.internal.packing;

import dev.floorgate.devices.ScaleReading;
import dev.floorgate.devices.ScaleState;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.ProblemCode;
import dev.floorgate.gateway.internal.access.DevicePrincipal;
import dev.floorgate.gateway.internal.http.LanRequests;
import dev.floorgate.gateway.internal.http.RequestAuth;
import dev.floorgate.gateway.internal.ops.OperationIntake;
import dev.floorgate.gateway.internal.parcels.ParcelService;
import dev.floorgate.gateway.internal.print.DeviceLabels;
import dev.floorgate.lan.LanJsonException;
import dev.floorgate.lan.PackingParcel;
import dev.floorgate.lan.PackingParcelList;
import dev.floorgate.lan.PackingQuoteRequest;
import dev.floorgate.lan.PackingQuotes;
import dev.floorgate.lan.PackingShipment;
import dev.floorgate.lan.PackingShipmentRequest;
import dev.floorgate.lan.PackingWeight;
import dev.floorgate.rates.Quote;
import dev.floorgate.sync.DiskFullException;
import dev.floorgate.sync.PackingBook;
import dev.floorgate.sync.ParcelConflictException;
import dev.floorgate.sync.QueuedShipment;
import dev.floorgate.sync.ShipmentDraft;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packing station (issue 17 item 3; docs/API.md "Packing station (issue 17)"), for a device of the tenant and
 * warehouse it was enrolled for: the customer's parcels waiting on shelves, the scale's weight, quotes from the
 * tenant's rate cards, and the packed shipment: priced again here (the station's price is never trusted), stored
 * durably with its opId ({@code PackingBook}), its label spooled (template {@code shipping-4x6}, job
 * {@code shipment-<opId>}) and queued for the core, which closes the parcels once.
 */
@Controller("/api/v1/packing")
@ExecuteOn(TaskExecutors.BLOCKING)
final class PackingController {
    private static final Logger LOG = LoggerFactory.getLogger(PackingController.class);
    static final String LABEL_TEMPLATE = "shipping-4x6";

    private final ParcelService parcels;
    private final PackingQuoter quoter;
    private final ScaleRegistry scales;
    private final PackingSettings settings;
    private final DeviceLabels labels;
    private final RequestAuth auth;

    PackingController(ParcelService parcels, RateCardDirectory rates, ScaleRegistry scales, PackingSettings settings,
            DeviceLabels labels, RequestAuth auth) {
        this.parcels = parcels;
        this.quoter = new PackingQuoter(parcels.packing(), rates, scales, settings.scaleWait(),
                java.time.Clock.systemUTC());
        this.scales = scales;
        this.settings = settings;
        this.labels = labels;
        this.auth = auth;
    }

    @Get("/parcels")
    PackingParcelList parcels(HttpRequest<?> request, @Nullable @QueryValue String customer) throws IOException {
        DevicePrincipal device = auth.device(request);
        if (customer == null || customer.isEmpty()) {
            throw GatewayProblem.invalid("customer: required");
        }
        try {
            return new PackingParcelList(customer, parcels.packing().waiting(device.tenant(), device.warehouse(),
                    customer).stream().map(p -> new PackingParcel(p.parcelId(), p.trackingKey(), p.carrier(),
                    p.warehouse(), p.location())).toList());
        } catch (IllegalArgumentException e) {
            throw GatewayProblem.invalid(e.getMessage());
        }
    }

    @Get("/weight")
    PackingWeight weight(HttpRequest<?> request, @Nullable @QueryValue String scale) {
        auth.device(request);
        if (scale == null || scale.isEmpty()) {
            throw GatewayProblem.invalid("scale: required, one of " + scales.names());
        }
        ScaleReading r = PackingQuoter.read(scales, scale, settings.scaleWait());
        Long grams = r.state() == ScaleState.STABLE ? ScaleRegistry.grams(r) : null;
        return new PackingWeight(scale, r.state().name(), grams, ScaleRegistry.explain(r));
    }

    @Post("/quote")
    PackingQuotes quote(HttpRequest<?> request, @Nullable @Body String body) throws LanJsonException, IOException {
        DevicePrincipal device = auth.device(request);
        PackingQuoteRequest in = LanRequests.read(body, PackingQuoteRequest.class);
        PackingQuoter.Priced p = quoter.price(new PackingQuoter.Ask(device.tenant(), device.warehouse(),
                in.customer(), in.parcels(), in.weightGrams(), in.scale(), in.lengthMm(), in.widthMm(), in.heightMm(),
                in.country(), in.postcode(), in.residential()));
        return new PackingQuotes(in.customer(), p.weightGrams(), PackingQuoter.view(p.quotes()),
                p.quotes().unquoted().stream().map(u -> u.carrier() + " " + u.service() + ": " + u.reason())
                        .toList());
    }

    @Post("/shipments")
    HttpResponse<PackingShipment> ship(HttpRequest<?> request, @Nullable @Body String body)
            throws LanJsonException, IOException, SQLException {
        DevicePrincipal device = auth.device(request);
        PackingShipmentRequest in = LanRequests.read(body, PackingShipmentRequest.class);
        if (in.carrier() == null || in.service() == null || in.version() == null) {
            throw GatewayProblem.invalid("carrier, service, version: the chosen quote's, all required");
        }
        QueuedShipment before = storedUnder(device, in);
        if (before != null) {
            // a retry after a lost answer: answered before the scale is read or the price worked out again
            return repeated(device, in, before);
        }
        PackingQuoter.Priced p = quoter.price(new PackingQuoter.Ask(device.tenant(), device.warehouse(),
                in.customer(), in.parcels(), in.weightGrams(), in.scale(), in.lengthMm(), in.widthMm(), in.heightMm(),
                in.country(), in.postcode(), in.residential()));
        Quote q = PackingQuoter.chosen(p.quotes(), in.carrier(), in.service(), in.version());
        ShipmentDraft draft;
        try {
            draft = new ShipmentDraft(device.tenant(), device.warehouse(), in.customer(), in.parcels(), q.carrier(),
                    q.service(), q.cardVersion(), q.total().amount().toPlainString(),
                    q.total().currency().getCurrencyCode(), p.weightGrams(), in.lengthMm(), in.widthMm(),
                    in.heightMm(), in.country(), in.postcode(), in.station(), device.deviceId());
        } catch (IllegalArgumentException e) {
            throw GatewayProblem.invalid(e.getMessage());
        }
        if (in.printer() != null) {
            // an unknown printer, another tenant's, or a label missing an address line: refused before storing
            labels.check(device, in.printer(), null, LABEL_TEMPLATE, labelData(in, draft, "FGCHECK00000000",
                    Instant.now()));
        }
        QueuedShipment s;
        try {
            PackingBook.Packed packed = parcels.packing().pack(draft, in.opId());
            if (packed.repeated()) {
                return repeated(device, in, packed.shipment()); // the same request twice at once: one stored
            }
            s = packed.shipment();
        } catch (ParcelConflictException e) {
            throw PackingQuoter.conflict(e);
        } catch (DiskFullException e) {
            throw new GatewayProblem(ProblemCode.DISK_FULL, OperationIntake.diskFullMessage(e));
        } catch (IOException e) {
            LOG.error("shipment of customer {} from {} could not be stored", in.customer(), device, e);
            throw new GatewayProblem(ProblemCode.OUTBOX_UNAVAILABLE, "the parcel book could not store the shipment; "
                    + "nothing was packed, confirm it again");
        }
        String printJob = spoolLabel(device, in, s);
        LOG.info("shipment {} packed by {}: customer {}, parcels {}, {} {} v{} {} {}, {} g; queued for the core as {}",
                s.reference(), device, draft.customer(), draft.parcelIds(), q.carrier(), q.service(), q.cardVersion(),
                draft.costAmount(), draft.currency(), draft.weightGrams(), s.opId());
        return HttpResponse.<PackingShipment>status(HttpStatus.CREATED).body(view(s, printJob));
    }

    private QueuedShipment storedUnder(DevicePrincipal device, PackingShipmentRequest in) throws IOException {
        if (in.opId() == null) {
            return null;
        }
        try {
            return parcels.packing().byOpId(device.tenant(), in.opId());
        } catch (IllegalArgumentException e) {
            throw GatewayProblem.invalid(e.getMessage());
        }
    }

    /**
     * 200 with the shipment stored under the request's opId when the request asks for the same one (else 409
     * OP_ID_REUSED). Its label is spooled again under the same job id, which the spooler answers with the job it
     * has (a label that could not be spooled the first time is spooled now): never a second label.
     */
    private HttpResponse<PackingShipment> repeated(DevicePrincipal device, PackingShipmentRequest in,
            QueuedShipment before) throws SQLException {
        try {
            PackingBook.sameShipment(before, device.tenant(), in.customer(), in.parcels(), in.carrier(),
                    in.service(), in.version());
        } catch (ParcelConflictException e) {
            throw new GatewayProblem(ProblemCode.OP_ID_REUSED, e.getMessage());
        }
        String printJob = spoolLabel(device, in, before);
        LOG.info("shipment {} ({}): a retry by {}, answered with the stored shipment", before.reference(),
                before.opId(), device);
        return HttpResponse.<PackingShipment>ok().body(view(before, printJob, true));
    }

    private String spoolLabel(DevicePrincipal device, PackingShipmentRequest in, QueuedShipment s)
            throws SQLException {
        if (in.printer() == null) {
            return null;
        }
        try {
            return labels.print(device, "shipment-" + s.opId(), in.printer(), null, LABEL_TEMPLATE,
                    labelData(in, s.draft(), s.reference(), s.packedAt()));
        } catch (GatewayProblem e) {
            // the shipment is durable and stays; the label can be printed again through the print API
            LOG.warn("shipment {} ({}) stored, its label not spooled on {}: {}", s.reference(), s.opId(),
                    in.printer(), e.getMessage());
            return null;
        }
    }

    private Map<String, String> labelData(PackingShipmentRequest in, ShipmentDraft d, String reference,
            Instant packedAt) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("from_name", settings.fromName());
        data.put("from_street", settings.fromStreet());
        data.put("from_city", settings.fromCity());
        put(data, "to_name", in.shipToName());
        put(data, "to_street", in.shipToStreet());
        put(data, "to_city", in.shipToCity() == null ? null
                : (d.postcode() == null ? "" : d.postcode() + " ") + in.shipToCity());
        data.put("to_country", d.country());
        data.put("carrier", d.carrier().toUpperCase(Locale.ROOT));
        data.put("service", d.service().toUpperCase(Locale.ROOT));
        data.put("weight", new BigDecimal(d.weightGrams()).movePointLeft(3).setScale(2, RoundingMode.UP)
                .toPlainString() + " kg");
        // the packing day, not today: a retry's label is the same job with the same bytes
        data.put("ship_date", LocalDate.ofInstant(packedAt, ZoneOffset.UTC).toString());
        data.put("package", "1 of 1");
        // the gateway's reference until the carrier's number exists (the core records that later, on label)
        data.put("tracking", reference);
        data.put("order", d.customer().length() <= 24 ? d.customer() : d.customer().substring(0, 24));
        data.put("note", d.parcelIds().size() + " parcels: " + String.join(" ", d.parcelIds()));
        return data;
    }

    private static void put(Map<String, String> data, String key, String value) {
        if (value != null) {
            data.put(key, value.length() <= 40 ? value : value.substring(0, 40));
        }
    }

    static PackingShipment view(QueuedShipment s, String printJob) {
        return view(s, printJob, false);
    }

    static PackingShipment view(QueuedShipment s, String printJob, boolean repeated) {
        ShipmentDraft d = s.draft();
        return new PackingShipment(s.opId(), s.reference(), s.state().name(), s.shipmentId(), d.customer(),
                d.parcelIds(), d.carrier(), d.service(), d.rateCardVersion(), d.costAmount(), d.currency(),
                d.weightGrams(), printJob, s.failure(), s.packedAt().toString(), repeated);
    }
}
