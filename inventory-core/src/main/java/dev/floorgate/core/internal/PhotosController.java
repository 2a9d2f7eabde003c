package dev.floorgate.core.internal;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Parcel photos (issue 17, CORE-API.md "Photos"): signed like every /v1 data call, each route limited to the key's
 * tenants. Only present when fg.photos.endpoint is set. Chunks are the one body the core takes that is not JSON
 * ({@code application/octet-stream}; RequestShapeFilter lets it through on the chunk route only).
 */
@Controller
@Requires(beans = PhotoService.class)
@ExecuteOn(TaskExecutors.BLOCKING)
final class PhotosController {
    private static final int MAX_JSON = 16 * 1024;
    static final String CHUNK_PREFIX = "/v1/photos/uploads/";
    private final RequestGuard guard;
    private final PhotoService photos;
    private final PhotoReviews reviews;
    private final LoadShedder shedder;
    private final JsonMapper json;

    PhotosController(RequestGuard guard, PhotoService photos, PhotoReviews reviews, LoadShedder shedder,
            JsonMapper json) {
        this.guard = guard;
        this.photos = photos;
        this.reviews = reviews;
        this.shedder = shedder;
        this.json = json;
    }

    @Serdeable
    record CreateBody(@Nullable String tenant, @Nullable String warehouse, @Nullable String parcelId,
            @Nullable String shot, @Nullable String contentType, @Nullable Long size, @Nullable String sha256) {
    }

    @Serdeable
    record UploadState(String uploadId, String tenant, String parcelId, String shot, long offset, long size,
            String state) {
        static UploadState of(PhotoUploadStore.Upload u, long offset) {
            return new UploadState(u.uploadId(), u.tenant(), u.parcelId(), u.shot(), offset, u.size(), u.state());
        }
    }

    @Serdeable
    record ReviewBody(@Nullable String verdict, @Nullable String comment) {
    }

    @Serdeable
    record ReviewAnswer(String reviewId, String tenant, String parcelId, String verdict, @Nullable String comment) {
    }

    @Serdeable
    record ParcelPhotos(String tenant, String parcelId, List<PhotoService.PhotoLinks> photos) {
    }

    /** Starts an upload: 201 with its id and offset 0. */
    @Post(uri = "/v1/photos/uploads", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<UploadState> create(HttpRequest<?> request, @Nullable @Body byte[] body) throws SQLException {
        byte[] bytes = signedJson(request, body);
        var key = guard.verify(request, bytes);
        CreateBody b = Inputs.read(json, bytes, CreateBody.class, MAX_JSON);
        String tenant = Inputs.code("tenant", b.tenant());
        RequestGuard.requireTenant(key, tenant);
        shedder.check();
        PhotoUploadStore.Upload u = photos.create(new PhotoService.NewUpload(tenant,
                Inputs.code("warehouse", b.warehouse()), Inputs.code("parcelId", b.parcelId()),
                Inputs.code("shot", b.shot()), b.contentType(), b.size() == null ? 0 : b.size(), b.sha256()));
        return HttpResponse.created(UploadState.of(u, 0));
    }

    /** Where the upload stands: the offset to send from. */
    @Get(uri = "/v1/photos/uploads/{tenant}/{uploadId}", produces = MediaType.APPLICATION_JSON)
    UploadState status(HttpRequest<?> request, @PathVariable String tenant, @PathVariable String uploadId)
            throws SQLException {
        authorize(request, new byte[0], tenant);
        PhotoUploadStore.Upload u = photos.status(tenant, uploadId);
        return UploadState.of(u, u.received());
    }

    /** A chunk at {@code offset}: 200 with the new offset, 409 OFFSET_MISMATCH with {@code expectedOffset}. */
    @Put(uri = "/v1/photos/uploads/{tenant}/{uploadId}", consumes = MediaType.ALL,
            produces = MediaType.APPLICATION_JSON)
    UploadState chunk(HttpRequest<?> request, @PathVariable String tenant, @PathVariable String uploadId,
            @Nullable @QueryValue Long offset, @Nullable @Body byte[] body) throws SQLException {
        byte[] bytes = body == null ? new byte[0] : body;
        authorize(request, bytes, tenant);
        if (offset == null || offset < 0) {
            throw ApiException.badRequest("INVALID", "offset: a query parameter of 0 or more is required, was "
                    + offset);
        }
        long now = photos.append(tenant, uploadId, offset, bytes);
        PhotoUploadStore.Upload u = photos.status(tenant, uploadId);
        return UploadState.of(u, now);
    }

    /** Checks size and SHA-256 and stores the photo: 200 with its signed URLs. */
    @Post(uri = "/v1/photos/uploads/{tenant}/{uploadId}/complete", consumes = MediaType.ALL,
            produces = MediaType.APPLICATION_JSON)
    PhotoService.PhotoLinks complete(HttpRequest<?> request, @PathVariable String tenant,
            @PathVariable String uploadId, @Nullable @Body byte[] body) throws SQLException {
        byte[] bytes = signedJson(request, body);
        authorize(request, bytes, tenant);
        if (bytes.length > 0) {
            Inputs.read(json, bytes, Map.class); // no fields; a body, when sent, must still be JSON
        }
        return photos.complete(tenant, uploadId);
    }

    /** A parcel's photos, one per shot, with signed URLs of the photo and its thumbnail. */
    @Get(uri = "/v1/photos/parcels/{tenant}/{parcelId}", produces = MediaType.APPLICATION_JSON)
    ParcelPhotos parcel(HttpRequest<?> request, @PathVariable String tenant, @PathVariable String parcelId)
            throws SQLException {
        authorize(request, new byte[0], tenant);
        String parcel = Inputs.code("parcelId", parcelId);
        return new ParcelPhotos(tenant, parcel, photos.parcel(tenant, parcel));
    }

    /** The customer's verdict on a parcel's photos: 201; a photo.reviewed event with a bus. */
    @Post(uri = "/v1/photos/parcels/{tenant}/{parcelId}/review", consumes = MediaType.ALL,
            produces = MediaType.APPLICATION_JSON)
    HttpResponse<ReviewAnswer> review(HttpRequest<?> request, @PathVariable String tenant,
            @PathVariable String parcelId, @Nullable @Body byte[] body) throws SQLException {
        byte[] bytes = signedJson(request, body);
        authorize(request, bytes, tenant);
        ReviewBody b = Inputs.read(json, bytes, ReviewBody.class, MAX_JSON);
        PhotoReviews.Review r = reviews.review(tenant, Inputs.code("parcelId", parcelId), b.verdict(), b.comment());
        return HttpResponse.status(HttpStatus.CREATED).body(new ReviewAnswer(r.reviewId(), r.tenant(),
                r.parcelId(), r.verdict(), r.comment()));
    }

    private static byte[] signedJson(HttpRequest<?> request, byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        Inputs.size(bytes, MAX_JSON);
        return bytes;
    }

    private void authorize(HttpRequest<?> request, byte[] bytes, String tenant) {
        var key = guard.verify(request, bytes);
        RequestGuard.requireTenant(key, Inputs.code("tenant", tenant));
        shedder.check();
    }

    /** True for the one route that takes a non-JSON body (RequestShapeFilter). */
    static boolean isChunkRoute(HttpRequest<?> request) {
        String path = request.getPath();
        return "PUT".equals(request.getMethodName()) && path.startsWith(CHUNK_PREFIX)
                && path.indexOf('/', CHUNK_PREFIX.length()) > 0 && !path.endsWith("/complete");
    }
}
