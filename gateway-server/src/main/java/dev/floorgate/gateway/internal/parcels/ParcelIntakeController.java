package dev.floorgate.gateway.internal.parcels;

import dev.floorgate.barcodes.TrackingNumber;
import dev.floorgate.barcodes.TrackingNumbers;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.ProblemCode;
import dev.floorgate.gateway.internal.access.DevicePrincipal;
import dev.floorgate.gateway.internal.http.LanRequests;
import dev.floorgate.gateway.internal.http.RequestAuth;
import dev.floorgate.gateway.internal.ops.OperationIntake;
import dev.floorgate.gateway.internal.print.DeviceLabels;
import dev.floorgate.lan.LanJsonException;
import dev.floorgate.lan.ParcelIntakeList;
import dev.floorgate.lan.ParcelIntakeReceipt;
import dev.floorgate.lan.ParcelIntakeRequest;
import dev.floorgate.sync.DiskFullException;
import dev.floorgate.sync.IntakeState;
import dev.floorgate.sync.ParcelBook;
import dev.floorgate.sync.ParcelIntake;
import dev.floorgate.sync.ParcelRecord;
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
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/parcels/intake}: a receiving station (a PDA, the web app, a fixed scanner's station) scans a
 * parcel in. The scan is recognised and normalised ({@link TrackingNumbers}, as the core does), the owner looked up
 * in the offline cache, the intake stored durably ({@link ParcelBook#receive}) and, with a printer, its label
 * (built-in template {@code parcel-intake}) spooled as job {@code intake-<opId>}; then 201 with the receipt. A
 * repeated scan answers the earlier intake (200) and stores and prints nothing. {@code GET
 * /api/v1/parcels/intakes}: the newest intakes, the device's tenant (all with the admin token), for the station's
 * list and site IT's no-owner shelf.
 */
@Controller("/api/v1/parcels")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ParcelIntakeController {
    private static final Logger LOG = LoggerFactory.getLogger(ParcelIntakeController.class);
    static final String LABEL_TEMPLATE = "parcel-intake";
    static final String NO_OWNER = "NO OWNER";
    private static final int MAX_SCAN_CHARS = 200;
    private static final int MAX_LIST = 500;

    private final ParcelService parcels;
    private final DeviceLabels labels;
    private final RequestAuth auth;

    ParcelIntakeController(ParcelService parcels, DeviceLabels labels, RequestAuth auth) {
        this.parcels = parcels;
        this.labels = labels;
        this.auth = auth;
    }

    @Post("/intake")
    HttpResponse<ParcelIntakeReceipt> intake(HttpRequest<?> request, @Nullable @Body String body)
            throws LanJsonException, SQLException {
        DevicePrincipal device = auth.device(request);
        ParcelIntakeRequest in = LanRequests.read(body, ParcelIntakeRequest.class);
        if (in.scan() == null || in.scan().isEmpty() || in.scan().length() > MAX_SCAN_CHARS) {
            throw GatewayProblem.invalid("scan: 1-" + MAX_SCAN_CHARS + " characters, got "
                    + (in.scan() == null ? "none" : in.scan().length()));
        }
        TrackingNumber tracking;
        try {
            tracking = TrackingNumbers.recognise(in.scan(), in.aimId());
        } catch (IllegalArgumentException e) {
            throw GatewayProblem.invalid("scan: not a tracking number: " + e.getMessage());
        }
        if (in.printer() != null) {
            // an unknown printer or another tenant's is refused before anything is stored
            labels.check(device, in.printer(), null, LABEL_TEMPLATE, Map.of("owner", NO_OWNER, "parcel",
                    "CHECK", "location", "CHECK"));
        }
        ParcelBook.Receipt r;
        try {
            r = parcels.book().receive(device.tenant(), device.warehouse(), tracking.number(), in.scan(),
                    in.location(), in.station(), device.deviceId());
        } catch (IllegalArgumentException e) {
            throw GatewayProblem.invalid(e.getMessage());
        } catch (DiskFullException e) {
            throw new GatewayProblem(ProblemCode.DISK_FULL, OperationIntake.diskFullMessage(e));
        } catch (IOException e) {
            LOG.error("parcel intake of {} from {} could not be stored", tracking.number(), device, e);
            throw new GatewayProblem(ProblemCode.OUTBOX_UNAVAILABLE, "the parcel book could not store the intake; "
                    + "nothing was acknowledged, scan it again");
        }
        ParcelIntake i = r.intake();
        String printJob = null;
        if (in.printer() != null) {
            String jobId = "intake-" + i.opId();
            if (r.repeated()) {
                printJob = jobId; // the label was printed at the first scan; reprint through the print API
            } else {
                try {
                    printJob = labels.print(device, jobId, in.printer(), null, LABEL_TEMPLATE,
                            labelData(i, r.cached().orElse(null), tracking));
                } catch (GatewayProblem e) {
                    // the intake is durable and stays; the label can be printed again from the print API
                    LOG.warn("parcel {}: intake {} stored, its label not spooled on {}: {}", i.trackingKey(),
                            i.opId(), in.printer(), e.getMessage());
                }
            }
        }
        LOG.info("parcel {} ({}) scanned in at {} by {}: {}", i.trackingKey(), tracking.carrier(), i.location(),
                device, r.repeated() ? "repeated scan, intake " + i.opId() + " already " + i.state()
                        : i.expectedCustomer() != null ? "owner " + i.expectedCustomer()
                        : "not announced: no-owner shelf");
        ParcelIntakeReceipt out = receipt(i, r.cached().orElse(null), tracking.carrier().name(), r.repeated(),
                printJob);
        return HttpResponse.<ParcelIntakeReceipt>status(r.repeated() ? HttpStatus.OK : HttpStatus.CREATED).body(out);
    }

    @Get("/intakes")
    ParcelIntakeList list(HttpRequest<?> request, @Nullable @QueryValue String state,
            @Nullable @QueryValue Integer limit) throws IOException {
        String tenant = auth.isAdmin(request) ? null : auth.device(request).tenant();
        IntakeState s = null;
        if (state != null && !state.isEmpty()) {
            try {
                s = IntakeState.valueOf(state.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw GatewayProblem.invalid("state: one of " + List.of(IntakeState.values()) + ", got '"
                        + state + "'");
            }
        }
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > MAX_LIST) {
            throw GatewayProblem.invalid("limit: must be 1 to " + MAX_LIST + ", got " + n);
        }
        List<ParcelIntakeReceipt> out = new ArrayList<>();
        // a device sees its tenant's only: read more and filter (the book is one gateway's, a few thousand rows)
        for (ParcelIntake i : parcels.book().intakes(s, tenant == null ? n : MAX_LIST * 4)) {
            if (tenant == null || tenant.equals(i.tenant())) {
                ParcelRecord cached = parcels.book().find(i.tenant(), i.trackingKey()).orElse(null);
                out.add(receipt(i, cached, cached == null ? null : cached.carrier(), false, null));
                if (out.size() == n) {
                    break;
                }
            }
        }
        return new ParcelIntakeList(out);
    }

    private static Map<String, String> labelData(ParcelIntake i, ParcelRecord cached, TrackingNumber tracking) {
        Map<String, String> data = new LinkedHashMap<>();
        boolean owned = i.expectedCustomer() != null;
        data.put("owner", owned ? i.expectedCustomer() : NO_OWNER);
        if (owned && cached != null && cached.customerName() != null) {
            data.put("owner_name", cut(cached.customerName(), 36));
        }
        // the core's id when the cache had it; a parcel nobody announced gets its id from the core later, so its
        // label carries the tracking key, which the core finds it by just as well
        data.put("parcel", i.parcelId() != null ? i.parcelId() : cut(i.trackingKey(), 20));
        data.put("location", i.location());
        data.put("carrier", tracking.carrier().name());
        data.put("tracking", cut(i.trackingKey(), 40));
        data.put("received", LocalDate.ofInstant(i.scannedAt(), ZoneOffset.UTC).toString());
        return data;
    }

    private static ParcelIntakeReceipt receipt(ParcelIntake i, ParcelRecord cached, String carrier, boolean repeated,
            String printJob) {
        String owner = i.state() == IntakeState.NO_OWNER ? null
                : cached != null && cached.hasOwner() ? cached.customer() : i.expectedCustomer();
        String ownerName = owner != null && cached != null && owner.equals(cached.customer()) ? cached.customerName()
                : null;
        String parcelId = i.parcelId() != null ? i.parcelId() : cached == null ? null : cached.parcelId();
        return new ParcelIntakeReceipt(i.opId(), i.tenant(), i.warehouse(), i.trackingKey(), carrier, i.location(),
                i.station(), i.state().name(), owner, ownerName, parcelId, repeated, i.failure(),
                i.scannedAt().toString(), printJob);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
