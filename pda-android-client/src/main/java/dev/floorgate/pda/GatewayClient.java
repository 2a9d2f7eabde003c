package dev.floorgate.pda;

import dev.floorgate.lan.BadgeLogin;
import dev.floorgate.lan.EnrollRequest;
import dev.floorgate.lan.EnrollResult;
import dev.floorgate.lan.EnrollmentCode;
import dev.floorgate.lan.EnrollmentCodeRequest;
import dev.floorgate.lan.ErrorBody;
import dev.floorgate.lan.LanJson;
import dev.floorgate.lan.LanJsonException;
import dev.floorgate.lan.OperationStatus;
import dev.floorgate.lan.PackingParcelList;
import dev.floorgate.lan.PackingQuoteRequest;
import dev.floorgate.lan.PackingQuotes;
import dev.floorgate.lan.PackingShipment;
import dev.floorgate.lan.PackingShipmentRequest;
import dev.floorgate.lan.PackingWeight;
import dev.floorgate.lan.ParcelIntakeList;
import dev.floorgate.lan.ParcelIntakeReceipt;
import dev.floorgate.lan.ParcelIntakeRequest;
import dev.floorgate.lan.PhotoList;
import dev.floorgate.lan.PhotoReceipt;
import dev.floorgate.lan.PhotoTemplate;
import dev.floorgate.lan.PickTask;
import dev.floorgate.lan.PickTasks;
import dev.floorgate.lan.ScanRequest;
import dev.floorgate.lan.ScanResult;
import dev.floorgate.lan.Session;
import dev.floorgate.lan.SubmitResult;
import dev.floorgate.protocol.BatchRequest;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.SignedHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The gateway's LAN API (API.md, "Gateway LAN API") as typed Java calls over OkHttp, with the bodies and events
 * of the lan-api module ({@code dev.floorgate.lan}) read and written by its {@link LanJson}. Immutable and thread-safe;
 * {@link #withToken} gives a client that authenticates as a device (or, for the admin calls, as site IT).
 * Every call blocks: on Android, call it off the main thread.
 *
 * <p>Errors: an {@link IOException} when the gateway cannot be reached or the connection drops; a
 * {@link GatewayException} (also an IOException) carrying status, code and message when it answers with an
 * error, e.g. 409 {@code DEVICE_ID_TAKEN}, 403 {@code TENANT_FORBIDDEN}, 507 {@code DISK_FULL}.
 */
public final class GatewayClient {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final MediaType JPEG = MediaType.get("image/jpeg");
    private static final String USER_AGENT = "floorgate-pda-client/0.1";

    private final HttpUrl base;
    private final OkHttpClient http;
    private final String token;
    private final ClientOptions options;
    private final ClockCheck clock;

    /** A client of the gateway at {@code baseUrl} (e.g. {@code https://gw:8443}), without a token yet. */
    public GatewayClient(String baseUrl, OkHttpClient http) {
        this(baseUrl, http, ClientOptions.defaults());
    }

    public GatewayClient(String baseUrl, OkHttpClient http, ClientOptions options) {
        this(parse(baseUrl), http, null, options, new ClockCheck());
    }

    private GatewayClient(HttpUrl base, OkHttpClient http, String token, ClientOptions options, ClockCheck clock) {
        this.base = base;
        this.http = http;
        this.token = token;
        this.options = options;
        this.clock = clock;
    }

    /** This device's clock against core time, from the gateway's answers (shared with clients made from this one). */
    public ClockCheck clockCheck() {
        return clock;
    }

    /**
     * An OkHttp client with timeouts for a warehouse LAN: connect 5 s, read and write 15 s, whole call 30 s.
     * Share one per app (it pools connections and threads).
     */
    public static OkHttpClient defaultHttpClient() {
        return new OkHttpClient.Builder()
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(15, TimeUnit.SECONDS)
                .writeTimeout(15, TimeUnit.SECONDS)
                .callTimeout(30, TimeUnit.SECONDS)
                .build();
    }

    /** The same client sending {@code Authorization: Bearer <token>}: a device token, or the admin token. */
    public GatewayClient withToken(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("token must not be empty");
        }
        return new GatewayClient(base, http, token, options, clock);
    }

    public String baseUrl() {
        return base.toString();
    }

    public boolean hasToken() {
        return token != null;
    }

    // ------------------------------------------------------------------------------------------ site IT

    /** {@code POST /api/v1/admin/enrollment-codes}; this client's token must be the admin token. */
    public EnrollmentCode createEnrollmentCode(String tenant, String warehouse, int ttlMinutes) throws IOException {
        EnrollmentCodeRequest body = new EnrollmentCodeRequest(tenant, warehouse, (long) ttlMinutes);
        return post("api/v1/admin/enrollment-codes", body, true, 200, 201).read(EnrollmentCode.class);
    }

    // ------------------------------------------------------------------------------------------ device

    /**
     * {@code POST /api/v1/devices/enroll} with a one-time code (kind {@code pda}). Refusals: 403
     * {@code ENROLLMENT_REFUSED} (unknown, used or expired code), 409 {@code DEVICE_ID_TAKEN}.
     */
    public EnrollResult enroll(String code, String deviceId) throws IOException {
        EnrollRequest body = new EnrollRequest(code, deviceId, "pda");
        return post("api/v1/devices/enroll", body, false, 200, 201).read(EnrollResult.class);
    }

    /** {@code POST /api/v1/sessions}: the picker scanned their badge. */
    public Session login(String badge) throws IOException {
        return post("api/v1/sessions", new BadgeLogin(badge), true, 200, 201).read(Session.class);
    }

    /** {@code DELETE /api/v1/sessions}. */
    public void logout() throws IOException {
        execute(authorized(new Request.Builder().url(url("api/v1/sessions")).delete()), "DELETE /api/v1/sessions",
                200, 204);
    }

    /**
     * {@code POST /api/v1/operations} with {@code {"operations":[...]}} (inventory-protocol's canonical JSON).
     * Returns on 202 (all accepted, durable at the gateway) and on 422 (some rejected; the accepted ones are
     * durable; {@link SubmitResult#status()} is 422 then, even for a 422 body that names no error). Other answers throw
     * {@link GatewayException}; 503 and 507 are {@link GatewayException#retryable() retryable}. Most apps use
     * {@link OperationQueue}, which calls this until the gateway has every operation.
     */
    public SubmitResult submit(List<Operation> operations) throws IOException {
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("submit needs at least one operation");
        }
        String json = OperationJson.writeBatch(new BatchRequest(null, operations));
        Request.Builder b = new Request.Builder().url(url("api/v1/operations"))
                .post(RequestBody.create(json.getBytes(StandardCharsets.UTF_8), JSON));
        Reply reply = execute(authorized(b), "POST /api/v1/operations", 200, 202, 422);
        SubmitResult result = reply.read(SubmitResult.class);
        if (reply.status == 422 && result.allAccepted()) {
            // a 422 must never read as "all accepted": the queue then asks again one operation at a time
            return new SubmitResult("HTTP_422", result.message(), result.accepted(), result.rejected());
        }
        return result;
    }

    /** {@code GET /api/v1/operations/{opId}}; a 404 (unknown here, or another tenant's) throws. */
    public OperationStatus status(String opId) throws IOException {
        HttpUrl u = url("api/v1/operations").newBuilder().addPathSegment(opId).build();
        Reply reply = execute(authorized(new Request.Builder().url(u).get()), "GET /api/v1/operations/" + opId,
                200);
        return reply.read(OperationStatus.class);
    }

    /**
     * {@code POST /api/v1/scans}: the gateway decodes {@code data} (GS1 elements) and matches it against its
     * cached master data. {@code symbology} is the AIM id (e.g. {@code ]C1}) or null.
     */
    public ScanResult scan(String data, String symbology) throws IOException {
        return post("api/v1/scans", new ScanRequest(data, symbology), true, 200).read(ScanResult.class);
    }

    /** {@link #scan(String, String)} for a scan read from a scanner intent. */
    public ScanResult scan(ScanData scan) throws IOException {
        return scan(scan.scanText(), scan.aimId());
    }

    /**
     * {@code POST /api/v1/parcels/intake} (issue 17): a parcel scanned in at a receiving station. The answer names
     * the owner from the gateway's offline cache (null: the no-owner shelf) once the intake is durable there; a
     * repeated scan answers the first intake ({@link ParcelIntakeReceipt#repeated()}).
     */
    public ParcelIntakeReceipt intake(ParcelIntakeRequest request) throws IOException {
        return post("api/v1/parcels/intake", request, true, 201, 200).read(ParcelIntakeReceipt.class);
    }

    /** {@code GET /api/v1/parcels/intakes?state=<state>}: the newest intakes of the device's tenant; state may be null. */
    public List<ParcelIntakeReceipt> intakes(String state) throws IOException {
        HttpUrl.Builder u = url("api/v1/parcels/intakes").newBuilder();
        if (state != null) {
            u.addQueryParameter("state", state);
        }
        Reply reply = execute(authorized(new Request.Builder().url(u.build()).get()),
                "GET /api/v1/parcels/intakes", 200);
        return reply.read(ParcelIntakeList.class).intakes();
    }

    /**
     * {@code GET /api/v1/photos/template?parcelId=<parcelId>} (issue 17): the shots a parcel of the device's tenant
     * needs, with their hints, and with {@code parcelId} (may be null) the shots the gateway holds no photo of yet.
     */
    public PhotoTemplate photoTemplate(String parcelId) throws IOException {
        HttpUrl.Builder u = url("api/v1/photos/template").newBuilder();
        if (parcelId != null) {
            u.addQueryParameter("parcelId", parcelId);
        }
        Reply reply = execute(authorized(new Request.Builder().url(u.build()).get()),
                "GET /api/v1/photos/template", 200);
        return reply.read(PhotoTemplate.class);
    }

    /**
     * {@code POST /api/v1/photos?parcelId=&shot=} with the JPEG itself as the body ({@code image/jpeg}): 201 with
     * the receipt once the photo is durable at the gateway; the same bytes for the same parcel and shot again answer
     * the stored photo (same id). Refusals as {@link GatewayException}: 415 {@code NOT_A_JPEG}, 400 {@code INVALID}
     * (a code, or a shot the tenant's enforced template does not have), 413 {@code PHOTO_TOO_LARGE} (over 8 MiB),
     * 507 {@code PHOTOS_FULL} (the photo buffer, not the operations), 503 {@code PHOTOS_UNAVAILABLE}.
     */
    public PhotoReceipt addPhoto(String parcelId, String shot, byte[] jpeg) throws IOException {
        if (parcelId == null || shot == null || jpeg == null || jpeg.length == 0) {
            throw new IllegalArgumentException("addPhoto needs a parcelId, a shot and the JPEG's bytes, got parcelId "
                    + parcelId + ", shot " + shot + ", " + (jpeg == null ? "no" : jpeg.length) + " bytes");
        }
        HttpUrl u = url("api/v1/photos").newBuilder().addQueryParameter("parcelId", parcelId)
                .addQueryParameter("shot", shot).build();
        Request.Builder b = new Request.Builder().url(u).post(RequestBody.create(jpeg, JPEG));
        return execute(authorized(b), "POST /api/v1/photos (parcel " + parcelId + ", shot " + shot + ", "
                + jpeg.length + " bytes)", 201, 200).read(PhotoReceipt.class);
    }

    /** {@code GET /api/v1/photos?parcelId=}: the photos the gateway holds of that parcel, oldest first, with states. */
    public List<PhotoReceipt> photos(String parcelId) throws IOException {
        if (parcelId == null) {
            throw new IllegalArgumentException("photos needs a parcelId");
        }
        HttpUrl u = url("api/v1/photos").newBuilder().addQueryParameter("parcelId", parcelId).build();
        Reply reply = execute(authorized(new Request.Builder().url(u).get()), "GET /api/v1/photos?parcelId="
                + parcelId, 200);
        List<PhotoReceipt> photos = reply.read(PhotoList.class).photos();
        return photos == null ? java.util.Collections.emptyList() : photos;
    }

    /** {@code GET /api/v1/tasks?type=PICK}: the device's tenant's and warehouse's pick tasks. */
    public List<PickTask> tasks() throws IOException {
        return tasks("PICK");
    }

    /** {@code GET /api/v1/tasks?type=<type>}. */
    public List<PickTask> tasks(String type) throws IOException {
        HttpUrl u = url("api/v1/tasks").newBuilder().addQueryParameter("type", type).build();
        Reply reply = execute(authorized(new Request.Builder().url(u).get()), "GET /api/v1/tasks?type=" + type, 200);
        return reply.read(PickTasks.class).tasks();
    }

    /**
     * Subscribes to {@code GET /api/v1/events} from after {@code lastEventId} (0: only new events), on a
     * background thread that reconnects until {@link EventStream#close()}.
     */
    public EventStream events(long lastEventId, EventListener listener) {
        Request request = authorized(new Request.Builder().url(url("api/v1/events")).get()
                .header("Accept", "text/event-stream").header("Cache-Control", "no-cache")
                .header("User-Agent", USER_AGENT)).build();
        EventStream stream = new EventStream(http, request, lastEventId, listener, options);
        stream.start();
        return stream;
    }

    // ------------------------------------------------------------------------------------------ plumbing

    /** A status and its body, read as a LAN API type on demand. */
    private static final class Reply {
        final int status;
        final String text;
        final String what;

        Reply(int status, String text, String what) {
            this.status = status;
            this.text = text;
            this.what = what;
        }

        /** The body as {@code type}; an empty body reads as {@code {}}. */
        <T> T read(Class<T> type) throws IOException {
            try {
                return LanJson.read(text.isEmpty() ? "{}" : text, type);
            } catch (LanJsonException e) {
                throw new IOException("gateway answered " + status + " to " + what + " with a body that "
                        + (e.field() == null ? "is not a JSON object: " : "does not read as " + type.getSimpleName()
                        + ": ") + e.getMessage(), e);
            }
        }
    }

    private Reply post(String path, Object body, boolean authorize, int... expected) throws IOException {
        Request.Builder b = new Request.Builder().url(url(path))
                .post(RequestBody.create(LanJson.writeBytes(body), JSON));
        return execute(authorize ? authorized(b) : b, "POST /" + path, expected);
    }

    private Reply execute(Request.Builder b, String what, int... expected) throws IOException {
        long t0 = System.currentTimeMillis();
        b.header("User-Agent", USER_AGENT).header("Accept", "application/json")
                .header(SignedHeaders.DEVICE_TIME, Long.toString(t0));
        try (Response response = http.newCall(b.build()).execute()) {
            noteCoreTime(response.header(SignedHeaders.CORE_TIME), t0, System.currentTimeMillis());
            ResponseBody body = response.body();
            String text = body == null ? "" : readBounded(body, options.maxResponseBytes, what);
            int status = response.code();
            for (int e : expected) {
                if (status == e) {
                    return new Reply(status, text, what);
                }
            }
            throw errorOf(status, text, what);
        }
    }

    private void noteCoreTime(String coreTime, long t0, long t3) {
        if (coreTime != null) {
            try {
                clock.sample(t0, Long.parseLong(coreTime.trim()), t3);
            } catch (NumberFormatException e) {
                // a gateway that says nothing readable leaves the last measurement
            }
        }
    }

    private Request.Builder authorized(Request.Builder b) {
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private HttpUrl url(String path) {
        return base.newBuilder().addPathSegments(path).build();
    }

    private static HttpUrl parse(String baseUrl) {
        HttpUrl u = HttpUrl.parse(baseUrl);
        if (u == null) {
            throw new IllegalArgumentException("gateway base URL must be http:// or https://, got '" + baseUrl + "'");
        }
        return u;
    }

    /** The exception for an error answer: code and message from a JSON error body when there is one. */
    static GatewayException errorOf(int status, String body, String what) {
        String code = null;
        String message = null;
        Map<?, ?> details = null;
        if (body != null && body.startsWith("{")) {
            try {
                ErrorBody error = LanJson.read(body, ErrorBody.class);
                code = error.error();
                message = error.message();
                details = error.details() instanceof Map ? (Map<?, ?>) error.details() : null;
            } catch (LanJsonException notAnErrorBody) {
                message = null;
            }
        }
        if (message == null && body != null && !body.isEmpty()) {
            message = body.length() <= 200 ? body : body.substring(0, 200) + "...(" + body.length() + " chars)";
        }
        return new GatewayException(status, code == null ? "HTTP_" + status : code, message, what, details);
    }

    /** The body as UTF-8 text, refusing more than {@code max} bytes. */
    static String readBounded(ResponseBody body, int max, String what) throws IOException {
        long declared = body.contentLength();
        if (declared > max) {
            throw new IOException("response to " + what + " declares " + declared + " bytes, more than the "
                    + max + " allowed (ClientOptions.maxResponseBytes)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 512);
        byte[] buffer = new byte[8192];
        try (InputStream in = body.byteStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (out.size() + n > max) {
                    throw new IOException("response to " + what + " exceeds " + max
                            + " bytes (ClientOptions.maxResponseBytes)");
                }
                out.write(buffer, 0, n);
            }
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------ packing station

    /*
     * The packing station (issue 17, API.md "Packing station (issue 17)"), for the device's tenant and warehouse.
     * Refusals are GatewayExceptions with the gateway's code: 409 PARCEL_CONFLICT (detail("parcelId"),
     * detail("reason")), 409 SCALE_NOT_READY, 409 NO_SUCH_QUOTE, 409 OP_ID_REUSED, 422 NO_RATES, 400 INVALID,
     * 507 DISK_FULL. A plain IOException (no answer: Wi-Fi gone, a timeout) means the request may or may not have
     * arrived; for packShipment, send the same request again (same opId).
     */

    /** {@code GET /api/v1/packing/parcels?customer=}: the customer's parcels waiting on shelves here. */
    public PackingParcelList packingParcels(String customer) throws IOException {
        HttpUrl u = url("api/v1/packing/parcels").newBuilder().addQueryParameter("customer", customer).build();
        return execute(authorized(new Request.Builder().url(u).get()), "GET /api/v1/packing/parcels", 200)
                .read(PackingParcelList.class);
    }

    /**
     * {@code GET /api/v1/packing/weight?scale=}: a stable reading, or the state that says why not (grams null);
     * 404 NOT_FOUND for a scale the gateway does not have.
     */
    public PackingWeight packingWeight(String scale) throws IOException {
        HttpUrl u = url("api/v1/packing/weight").newBuilder().addQueryParameter("scale", scale).build();
        return execute(authorized(new Request.Builder().url(u).get()), "GET /api/v1/packing/weight", 200)
                .read(PackingWeight.class);
    }

    /** {@code POST /api/v1/packing/quote}: every carrier service's price for the carton, cheapest first. */
    public PackingQuotes packingQuote(PackingQuoteRequest request) throws IOException {
        return post("api/v1/packing/quote", request, true, 200).read(PackingQuotes.class);
    }

    /**
     * {@code POST /api/v1/packing/shipments}: ships the chosen quote. 201 for a new shipment; 200 with
     * {@link PackingShipment#repeated()} true when the gateway had stored this opId before (a retry after a lost
     * answer): nothing new was stored or printed.
     */
    public PackingShipment packShipment(PackingShipmentRequest request) throws IOException {
        return post("api/v1/packing/shipments", request, true, 201, 200).read(PackingShipment.class);
    }
}
