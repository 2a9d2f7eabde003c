package dev.floorgate.gateway.internal.photos;

import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.ProblemCode;
import dev.floorgate.gateway.internal.access.DevicePrincipal;
import dev.floorgate.gateway.internal.http.RequestAuth;
import dev.floorgate.lan.PhotoList;
import dev.floorgate.lan.PhotoReceipt;
import dev.floorgate.lan.PhotoShot;
import dev.floorgate.lan.PhotoTemplate;
import dev.floorgate.sync.DiskFullException;
import dev.floorgate.sync.PhotoOutbox;
import dev.floorgate.sync.PhotoQuotaException;
import dev.floorgate.sync.StoredPhoto;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/photos}: a parcel photo from an enrolled device, the JPEG itself as the body (201 with a
 * {@link PhotoReceipt} once file and index row are durable); {@code GET /api/v1/photos?parcelId=}: a parcel's photos
 * with their upload state. The body is the raw JPEG rather than multipart: the bytes are hashed and stored as they
 * came, a page sends its canvas blob with one {@code fetch}, the Android app with one request, and there is no
 * multipart parser (and its limits) in front of the buffer. The checks, in order, each naming what is wrong: the
 * device (401), the content type (415 NOT_A_JPEG), the codes (400 INVALID naming the field; another tenant 403),
 * the size (413 PHOTO_TOO_LARGE, 400 for an empty body), the JPEG's SOI and EOI markers (415), then the buffer: 507
 * PHOTOS_FULL when the quota or the photos' disk floor refuses (operations are not affected: their floor is lower).
 */
@Controller("/api/v1/photos")
@ExecuteOn(TaskExecutors.BLOCKING)
final class PhotosController {
    private static final Logger LOG = LoggerFactory.getLogger(PhotosController.class);
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int LIST_LIMIT = 1000;

    private final PhotoService photos;
    private final StationCameras cameras;
    private final PhotoTemplates templates;
    private final RequestAuth auth;

    PhotosController(PhotoService photos, StationCameras cameras, PhotoTemplates templates, RequestAuth auth) {
        this.photos = photos;
        this.cameras = cameras;
        this.templates = templates;
        this.auth = auth;
    }

    /**
     * {@code GET /api/v1/photos/template[?parcelId=]}: the device's tenant's photo template (its own, enforced, or the
     * default suggestion) and, with a parcel, the template's shots the gateway holds no photo of yet for it.
     */
    @Get("/template")
    PhotoTemplate template(HttpRequest<?> request) {
        DevicePrincipal device = auth.device(request);
        String parcelId = optional(request, "parcelId", "X-FG-Parcel-Id");
        PhotoTemplates.Template t = templates.of(device.tenant());
        List<PhotoShot> shots = new ArrayList<>();
        t.shots().forEach(s -> shots.add(new PhotoShot(s.name(), s.hint())));
        List<String> missing = null;
        if (parcelId != null) {
            code("parcelId", parcelId);
            java.util.Set<String> left = new java.util.LinkedHashSet<>(t.names());
            try {
                for (StoredPhoto p : photos.outbox().forParcel(device.tenant(), parcelId, LIST_LIMIT)) {
                    left.remove(p.shot());
                }
            } catch (IOException e) {
                LOG.error("photos of parcel {} could not be listed for {}", parcelId, device, e);
                throw new GatewayProblem(ProblemCode.PHOTOS_UNAVAILABLE, "the photo index could not be read; retry");
            }
            missing = new ArrayList<>(left);
        }
        return new PhotoTemplate(device.tenant(), t.enforced(), shots, parcelId, missing);
    }

    /** A shot outside the tenant's own template is refused, naming the template's shots. */
    private void checkShot(String tenant, String shot) {
        PhotoTemplates.Template t = templates.of(tenant);
        if (t.enforced() && !t.names().contains(shot)) {
            throw GatewayProblem.invalid("shot: '" + shot + "' is not in tenant " + tenant + "'s photo template "
                    + t.names());
        }
    }

    @Post
    @Consumes(MediaType.ALL)
    HttpResponse<PhotoReceipt> add(HttpRequest<?> request, @Nullable @Body byte[] body) {
        DevicePrincipal device = auth.device(request);
        checkContentType(request); // before the codes: a JSON body is the wrong kind of request, not a bad code
        String tenant = optional(request, "tenant", "X-FG-Tenant");
        String warehouse = optional(request, "warehouse", "X-FG-Warehouse");
        String parcelId = required(request, "parcelId", "X-FG-Parcel-Id");
        String shot = required(request, "shot", "X-FG-Shot");
        if (tenant == null) {
            tenant = device.tenant();
        } else {
            code("tenant", tenant);
            if (!tenant.equals(device.tenant())) {
                throw GatewayProblem.tenantForbidden("device " + device.deviceId() + " belongs to tenant '"
                        + device.tenant() + "', not '" + tenant + "'; nothing was stored");
            }
        }
        if (warehouse == null) {
            warehouse = device.warehouse();
        } else {
            code("warehouse", warehouse);
            if (!warehouse.equals(device.warehouse())) {
                throw GatewayProblem.invalid("warehouse: device " + device.deviceId() + " works in warehouse "
                        + device.warehouse() + ", not " + warehouse);
            }
        }
        checkShot(tenant, shot);
        byte[] jpeg = body == null ? new byte[0] : body;
        checkJpeg(jpeg);
        return store(device, tenant, warehouse, parcelId, shot, jpeg, "");
    }

    /**
     * {@code POST /api/v1/photos/snapshot?camera=&parcelId=&shot=}: the gateway fetches one still from a fixed station
     * camera ({@code fg.cameras.<name>.url}) and stores it as this parcel's shot, as if the device had sent it. The
     * camera must be one the device's tenant may use (400 naming the configured ones otherwise); a camera that gives
     * no still is 502 CAMERA_UNAVAILABLE saying what happened; the still passes the same checks as a sent photo.
     */
    @Post("/snapshot")
    @Consumes(MediaType.ALL)
    HttpResponse<PhotoReceipt> snapshot(HttpRequest<?> request) {
        DevicePrincipal device = auth.device(request);
        String camera = required(request, "camera", "X-FG-Camera");
        String parcelId = required(request, "parcelId", "X-FG-Parcel-Id");
        String shot = required(request, "shot", "X-FG-Shot");
        checkShot(device.tenant(), shot);
        boolean usable = cameras.usableBy(camera, device.tenant()).orElseThrow(() -> GatewayProblem.invalid(
                "camera: no station camera '" + camera + "'; configured: " + cameras.names()));
        if (!usable) {
            throw GatewayProblem.tenantForbidden("camera: '" + camera + "' belongs to another tenant's station");
        }
        long max = photos.outbox().options().maxPhotoBytes();
        byte[] jpeg;
        try {
            jpeg = cameras.snapshot(camera, max);
        } catch (StationCameras.CameraException e) {
            LOG.warn("snapshot of parcel {} shot {} for {}: {}", parcelId, shot, device, e.getMessage());
            throw new GatewayProblem(ProblemCode.CAMERA_UNAVAILABLE, e.getMessage() + "; nothing was stored");
        }
        try {
            checkJpeg(jpeg);
        } catch (GatewayProblem e) {
            throw new GatewayProblem(e.code(), "camera '" + camera + "': " + e.getMessage());
        }
        return store(device, device.tenant(), device.warehouse(), parcelId, shot, jpeg, " from camera " + camera);
    }

    private HttpResponse<PhotoReceipt> store(DevicePrincipal device, String tenant, String warehouse,
            String parcelId, String shot, byte[] jpeg, String source) {
        PhotoOutbox outbox = photos.outbox();
        try {
            StoredPhoto kept = outbox.findKept(tenant, parcelId, shot, sha256(jpeg));
            StoredPhoto stored = kept != null ? kept : outbox.add(tenant, warehouse, parcelId, shot, jpeg);
            LOG.info("photo {} of parcel {} shot {} ({} bytes{}) from {}: {}", stored.id(), parcelId, shot,
                    jpeg.length, source, device, kept != null ? "sent again, already " + kept.state() : "stored");
            return HttpResponse.<PhotoReceipt>status(HttpStatus.CREATED).body(receipt(stored));
        } catch (PhotoQuotaException e) {
            throw full(e.getMessage().replace("photo buffer full", "photo buffer full (fg.photos.quota)"),
                    e.usedBytes(), e.quotaBytes(), e.photoBytes());
        } catch (DiskFullException e) {
            // the guard's own text names the data directory's path; the client gets the numbers only
            throw full(e.floorBytes() < 0 ? "the data disk is full; new photos are refused until space is freed"
                    : "disk nearly full: " + e.freeBytes() + " bytes usable, below the photos' floor "
                    + "(fg.photos.disk-floor) of " + e.floorBytes() + " bytes; new photos are refused until space "
                    + "is freed, operations are still taken", null, null, (long) jpeg.length);
        } catch (IllegalArgumentException e) {
            throw GatewayProblem.invalid(e.getMessage()); // the buffer's own check; ours above answer first
        } catch (IOException e) {
            LOG.error("photo of parcel {} shot {} from {} could not be stored", parcelId, shot, device, e);
            throw new GatewayProblem(ProblemCode.PHOTOS_UNAVAILABLE, "the photo buffer could not store the photo; "
                    + "nothing was acknowledged, send it again");
        }
    }

    @Get
    PhotoList list(HttpRequest<?> request) {
        DevicePrincipal device = auth.device(request);
        String parcelId = required(request, "parcelId", "X-FG-Parcel-Id");
        try {
            List<PhotoReceipt> out = new ArrayList<>();
            for (StoredPhoto p : photos.outbox().forParcel(device.tenant(), parcelId, LIST_LIMIT)) {
                out.add(receipt(p));
            }
            return new PhotoList(parcelId, out);
        } catch (IOException e) {
            LOG.error("photos of parcel {} could not be listed for {}", parcelId, device, e);
            throw new GatewayProblem(ProblemCode.PHOTOS_UNAVAILABLE, "the photo index could not be read; retry");
        }
    }

    private static void checkContentType(HttpRequest<?> request) {
        MediaType type = request.getContentType().orElse(null);
        if (type == null || !"image".equalsIgnoreCase(type.getType()) || !"jpeg".equalsIgnoreCase(type.getSubtype())) {
            throw new GatewayProblem(ProblemCode.NOT_A_JPEG, "Content-Type must be image/jpeg, was "
                    + (type == null ? "none" : type.getName()) + "; send the JPEG itself as the body");
        }
    }

    /** Not empty, at most the largest photo, SOI (ffd8ff) first and EOI (ffd9) last. */
    private void checkJpeg(byte[] jpeg) {
        if (jpeg.length == 0) {
            throw GatewayProblem.invalid("the body is empty: send the photo's JPEG bytes");
        }
        long max = photos.outbox().options().maxPhotoBytes();
        if (jpeg.length > max) {
            throw new GatewayProblem(ProblemCode.PHOTO_TOO_LARGE, "the photo has " + jpeg.length + " bytes, over the "
                    + "largest photo of " + max + " bytes (fg.photos.max-photo-bytes)");
        }
        int n = jpeg.length;
        if (n < 4 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8 || (jpeg[2] & 0xff) != 0xff) {
            throw new GatewayProblem(ProblemCode.NOT_A_JPEG, "the body is not a JPEG: it does not start with the "
                    + "SOI marker ffd8ff (it starts with " + HexFormat.of().formatHex(jpeg, 0, Math.min(n, 4)) + ")");
        }
        if ((jpeg[n - 2] & 0xff) != 0xff || (jpeg[n - 1] & 0xff) != 0xd9) {
            throw new GatewayProblem(ProblemCode.NOT_A_JPEG, "the body is not a whole JPEG: it does not end with the "
                    + "EOI marker ffd9 (it ends with " + HexFormat.of().formatHex(jpeg, n - 2, n) + "); a cut upload? "
                    + "send it again");
        }
    }

    private static GatewayProblem full(String message, Long used, Long quota, Long photo) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (used != null) {
            details.put("usedBytes", used);
            details.put("quotaBytes", quota);
        }
        details.put("photoBytes", photo);
        return new GatewayProblem(ProblemCode.PHOTOS_FULL, message, details);
    }

    private static String optional(HttpRequest<?> request, String name, String header) {
        String v = request.getParameters().get(name);
        if (v == null) {
            v = request.getHeaders().get(header);
        }
        return v;
    }

    private static String required(HttpRequest<?> request, String name, String header) {
        String v = optional(request, name, header);
        if (v == null || v.isEmpty()) {
            throw GatewayProblem.invalid(name + " is required: the query parameter " + name + " (or the header "
                    + header + "), 1-64 letters, digits, '.', '_' or '-'");
        }
        code(name, v);
        return v;
    }

    private static void code(String name, String v) {
        if (!CODE.matcher(v).matches()) {
            throw GatewayProblem.invalid(name + " must be 1-64 letters, digits, '.', '_' or '-', was '"
                    + (v.length() > 80 ? v.substring(0, 80) + "..." : v) + "' (" + v.length() + " characters)");
        }
    }

    private static PhotoReceipt receipt(StoredPhoto p) {
        return new PhotoReceipt(p.id(), p.tenant(), p.warehouse(), p.parcelId(), p.shot(), p.sha256(), p.size(),
                p.state().name(), p.failureCode(), p.addedAt().toString());
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
