package dev.floorgate.core.internal;

import dev.floorgate.protocol.ResultCodes;
import io.micronaut.http.HttpStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The customer's review of a parcel's photos (issue 17): APPROVED or DISPUTED with a comment. The review row and its
 * {@code photo.reviewed} event (EVENTS.md) are written in one transaction in the tenant's schema (its outbox,
 * relayed by TenantOutboxRelay), so the event exists exactly when the
 * review does; the event id is the review id. Without a bus there is no outbox and only the row is written.
 */
final class PhotoReviews {
    static final String EVENT_TYPE = "photo.reviewed";
    static final int MAX_COMMENT = 2000;
    private final TenantDatabases db;
    private final PhotoUploadStore rows;
    private final EventOutbox outbox;
    private final Runnable afterCommit;

    PhotoReviews(TenantDatabases db, PhotoUploadStore rows, EventOutbox outbox, Runnable afterCommit) {
        this.db = db;
        this.rows = rows;
        this.outbox = outbox;
        this.afterCommit = afterCommit;
    }

    record Review(String reviewId, String tenant, String warehouse, String parcelId, String verdict, String comment) {
    }

    /** {@code verdict} is APPROVE/APPROVED or DISPUTE/DISPUTED; a dispute needs a comment. */
    Review review(String tenant, String parcelId, String verdict, String comment) throws SQLException {
        String v = verdict == null ? "" : verdict.trim().toUpperCase(Locale.ROOT);
        if (v.equals("APPROVE")) {
            v = "APPROVED";
        } else if (v.equals("DISPUTE")) {
            v = "DISPUTED";
        }
        if (!v.equals("APPROVED") && !v.equals("DISPUTED")) {
            throw ApiException.badRequest(ResultCodes.INVALID, "verdict: must be APPROVE or DISPUTE, was '"
                    + Inputs.clip(verdict) + "'");
        }
        String text = Inputs.text("comment", comment, MAX_COMMENT, v.equals("DISPUTED"));
        List<PhotoUploadStore.ParcelShot> shots = rows.parcel(tenant, parcelId);
        if (shots.isEmpty()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "PARCEL_NOT_FOUND", "tenant '" + tenant + "' has no photos "
                    + "of parcel '" + parcelId + "' to review");
        }
        Review r = new Review(UUID.randomUUID().toString(), tenant, shots.get(0).warehouse(), parcelId, v, text);
        try (Connection c = db.connection(tenant)) {
            Transactions.run(c, tx -> {
                try (PreparedStatement ps = tx.prepareStatement("INSERT INTO photo_reviews (review_id, tenant, "
                        + "parcel_id, verdict, comment) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, r.reviewId());
                    ps.setString(2, tenant);
                    ps.setString(3, parcelId);
                    ps.setString(4, r.verdict());
                    ps.setString(5, text);
                    ps.executeUpdate();
                }
                if (outbox.enabled()) {
                    outbox.add(tx, List.of(new EventOutbox.Event(r.reviewId(), tenant, r.warehouse(), EVENT_TYPE,
                            data(r, shots))));
                }
                return null;
            });
        }
        afterCommit.run();
        return r;
    }

    static String data(Review r, List<PhotoUploadStore.ParcelShot> shots) {
        StringBuilder d = new StringBuilder(256);
        d.append("{\"reviewId\":").append(EventOutbox.quote(r.reviewId()))
                .append(",\"parcelId\":").append(EventOutbox.quote(r.parcelId()))
                .append(",\"verdict\":").append(EventOutbox.quote(r.verdict()))
                .append(",\"comment\":").append(EventOutbox.quote(r.comment()))
                .append(",\"photos\":[");
        for (int i = 0; i < shots.size(); i++) {
            d.append(i == 0 ? "" : ",").append("{\"shot\":").append(EventOutbox.quote(shots.get(i).shot()))
                    .append(",\"sha256\":").append(EventOutbox.quote(shots.get(i).sha256())).append('}');
        }
        return d.append("]}").toString();
    }
}
