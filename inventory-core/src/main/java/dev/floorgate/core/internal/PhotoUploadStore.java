package dev.floorgate.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The photos' rows in MariaDB, in each tenant's own schema (db/tenant/V2__tenant_photos.sql, used with the tenant's
 * own user: TenantDatabases): uploads and their staged chunks, stored photos, which photo a parcel's shot is, and
 * reviews.
 *
 * <p>Commit point of a chunk: one transaction that advances {@code received} from the chunk's offset to its end
 * (the UPDATE's condition is {@code received = offset AND state = 'OPEN'}) and inserts the chunk's row naming its S3
 * object. The object is written before that transaction; a crash between the two leaves an object no row names
 * (under the upload's prefix, deleted with it) and the client, asking the offset, sends the chunk again. Two
 * instances racing on one offset: the second UPDATE changes no row and that request is answered from the first's
 * row. Nothing lives in one process's memory, so any instance continues any upload after any restart.
 */
final class PhotoUploadStore {
    static final String OPEN = "OPEN";
    static final String COMPLETE = "COMPLETE";
    static final String FAILED = "FAILED";
    private final TenantDatabases db;

    PhotoUploadStore(TenantDatabases db) {
        this.db = db;
    }

    record Upload(String uploadId, String tenant, String warehouse, String parcelId, String shot, String contentType,
            long size, String sha256, long received, String state) {
    }

    record Chunk(long offset, int length, String sha256, String objectKey) {
    }

    record StoredPhoto(String sha256, long storedSize, long thumbSize, int width, int height) {
    }

    record ParcelShot(String shot, String warehouse, String sha256) {
    }

    void create(Upload u) throws SQLException {
        try (Connection c = db.connection(u.tenant()); PreparedStatement ps = c.prepareStatement("INSERT INTO photo_uploads "
                + "(upload_id, tenant, warehouse, parcel_id, shot, content_type, total_size, sha256, received, state) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
            ps.setString(1, u.uploadId());
            ps.setString(2, u.tenant());
            ps.setString(3, u.warehouse());
            ps.setString(4, u.parcelId());
            ps.setString(5, u.shot());
            ps.setString(6, u.contentType());
            ps.setLong(7, u.size());
            ps.setString(8, u.sha256());
            ps.setString(9, OPEN);
            ps.executeUpdate();
        }
    }

    /** The tenant's upload; another tenant's is as absent as an unknown one. */
    Optional<Upload> find(String tenant, String uploadId) throws SQLException {
        try (Connection c = db.connection(tenant); PreparedStatement ps = c.prepareStatement("SELECT upload_id, tenant, "
                + "warehouse, parcel_id, shot, content_type, total_size, sha256, received, state FROM photo_uploads "
                + "WHERE upload_id = ? AND tenant = ?")) {
            ps.setString(1, uploadId);
            ps.setString(2, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Upload(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8), rs.getLong(9),
                        rs.getString(10)));
            }
        }
    }

    /** Advances received over the chunk and records it; false when received was no longer {@code chunk.offset}. */
    boolean append(String tenant, String uploadId, Chunk chunk) throws SQLException {
        try (Connection c = db.connection(tenant)) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("UPDATE photo_uploads SET received = ? WHERE "
                        + "upload_id = ? AND received = ? AND state = 'OPEN'")) {
                    ps.setLong(1, chunk.offset() + chunk.length());
                    ps.setString(2, uploadId);
                    ps.setLong(3, chunk.offset());
                    if (ps.executeUpdate() != 1) {
                        c.rollback();
                        return false;
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO photo_upload_chunks (upload_id, "
                        + "offset_bytes, length, sha256, object_key) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, uploadId);
                    ps.setLong(2, chunk.offset());
                    ps.setInt(3, chunk.length());
                    ps.setString(4, chunk.sha256());
                    ps.setString(5, chunk.objectKey());
                    ps.executeUpdate();
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** The upload's chunks in offset order. */
    List<Chunk> chunks(String tenant, String uploadId) throws SQLException {
        List<Chunk> out = new ArrayList<>();
        try (Connection c = db.connection(tenant); PreparedStatement ps = c.prepareStatement("SELECT offset_bytes, length, "
                + "sha256, object_key FROM photo_upload_chunks WHERE upload_id = ? ORDER BY offset_bytes")) {
            ps.setString(1, uploadId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Chunk(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return out;
    }

    /** Closes the upload (COMPLETE or FAILED) and forgets its chunk rows; COMPLETE also files the parcel's shot. */
    void finish(Upload u, String state) throws SQLException {
        try (Connection c = db.connection(u.tenant())) {
            Transactions.run(c, tx -> {
                try (PreparedStatement ps = tx.prepareStatement("UPDATE photo_uploads SET state = ? WHERE upload_id = ?"
                        + " AND state = 'OPEN'")) {
                    ps.setString(1, state);
                    ps.setString(2, u.uploadId());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = tx.prepareStatement("DELETE FROM photo_upload_chunks WHERE upload_id = ?")) {
                    ps.setString(1, u.uploadId());
                    ps.executeUpdate();
                }
                if (COMPLETE.equals(state)) {
                    try (PreparedStatement ps = tx.prepareStatement("INSERT INTO parcel_photos (tenant, parcel_id, shot,"
                            + " warehouse, sha256) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE warehouse = "
                            + "VALUES(warehouse), sha256 = VALUES(sha256)")) {
                        ps.setString(1, u.tenant());
                        ps.setString(2, u.parcelId());
                        ps.setString(3, u.shot());
                        ps.setString(4, u.warehouse());
                        ps.setString(5, u.sha256());
                        ps.executeUpdate();
                    }
                }
                return null;
            });
        }
    }

    Optional<StoredPhoto> photo(String tenant, String sha256) throws SQLException {
        try (Connection c = db.connection(tenant); PreparedStatement ps = c.prepareStatement("SELECT sha256, stored_size, "
                + "thumb_size, width, height FROM photos WHERE tenant = ? AND sha256 = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredPhoto(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        rs.getInt(4), rs.getInt(5))) : Optional.empty();
            }
        }
    }

    /** Records a stored photo once (a concurrent second store of the same bytes inserts nothing). */
    void addPhoto(String tenant, StoredPhoto p, String storedSha256) throws SQLException {
        try (Connection c = db.connection(tenant); PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO photos "
                + "(tenant, sha256, stored_sha256, stored_size, thumb_size, width, height) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, tenant);
            ps.setString(2, p.sha256());
            ps.setString(3, storedSha256);
            ps.setLong(4, p.storedSize());
            ps.setLong(5, p.thumbSize());
            ps.setInt(6, p.width());
            ps.setInt(7, p.height());
            ps.executeUpdate();
        }
    }

    List<ParcelShot> parcel(String tenant, String parcelId) throws SQLException {
        List<ParcelShot> out = new ArrayList<>();
        try (Connection c = db.connection(tenant); PreparedStatement ps = c.prepareStatement("SELECT shot, warehouse, sha256 "
                + "FROM parcel_photos WHERE tenant = ? AND parcel_id = ? ORDER BY shot")) {
            ps.setString(1, tenant);
            ps.setString(2, parcelId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ParcelShot(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }
}
