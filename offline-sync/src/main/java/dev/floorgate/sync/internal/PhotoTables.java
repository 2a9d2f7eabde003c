package dev.floorgate.sync.internal;

import dev.floorgate.sync.PhotoState;
import dev.floorgate.sync.StoredPhoto;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The SQL of the photo index ({@code photos.db}); the schema is documented on {@code PhotoOutbox}. */
public final class PhotoTables {
    private static final String COLUMNS = "id, tenant, warehouse, parcel_id, shot, sha256, size, state, upload_id, "
            + "sent_offset, failure, added_at";
    private final Connection c;

    public PhotoTables(Connection c) {
        this.c = c;
    }

    /** Schema step 1. */
    public static void createVersion1(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE photos ("
                    + "id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, warehouse TEXT NOT NULL, "
                    + "parcel_id TEXT NOT NULL, shot TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL, "
                    + "state TEXT NOT NULL, upload_id TEXT, sent_offset INTEGER NOT NULL DEFAULT 0, failure TEXT, "
                    + "added_at INTEGER NOT NULL, done_at INTEGER)");
            s.executeUpdate("CREATE INDEX photos_pending ON photos (id) WHERE state = 'PENDING'");
            s.executeUpdate("CREATE INDEX photos_sha ON photos (sha256)");
        }
    }

    /** Schema step 2: a parcel's photos are listed (the gateway's GET /api/v1/photos?parcelId=). */
    public static void createVersion2(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE INDEX photos_parcel ON photos (tenant, parcel_id)");
        }
    }

    public long insert(String tenant, String warehouse, String parcelId, String shot, String sha256, long size,
            long addedAt) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO photos (tenant, warehouse, parcel_id, shot, "
                + "sha256, size, state, added_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, tenant);
            p.setString(2, warehouse);
            p.setString(3, parcelId);
            p.setString(4, shot);
            p.setString(5, sha256);
            p.setLong(6, size);
            p.setLong(7, addedAt);
            p.executeUpdate();
            try (ResultSet k = p.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        }
    }

    /** The pending row of the same photo for the same parcel and shot, if any (an add repeated). */
    public StoredPhoto findPending(String tenant, String parcelId, String shot, String sha256) throws SQLException {
        List<StoredPhoto> rows = query("SELECT " + COLUMNS + " FROM photos WHERE state = 'PENDING' AND tenant = ? "
                + "AND parcel_id = ? AND shot = ? AND sha256 = ? LIMIT 1", tenant, parcelId, shot, sha256);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * The newest row of the same photo for the same parcel and shot that is PENDING or UPLOADED (a FAILED one may be
     * sent again), if any.
     */
    public StoredPhoto findKept(String tenant, String parcelId, String shot, String sha256) throws SQLException {
        List<StoredPhoto> rows = query("SELECT " + COLUMNS + " FROM photos WHERE state IN ('PENDING', 'UPLOADED') "
                + "AND tenant = ? AND parcel_id = ? AND shot = ? AND sha256 = ? ORDER BY id DESC LIMIT 1", tenant,
                parcelId, shot, sha256);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** A parcel's rows in add order, at most {@code limit}. */
    public List<StoredPhoto> forParcel(String tenant, String parcelId, int limit) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM photos WHERE tenant = ? AND parcel_id = ? ORDER BY id LIMIT ?",
                tenant, parcelId, limit);
    }

    public StoredPhoto find(long id) throws SQLException {
        List<StoredPhoto> rows = query("SELECT " + COLUMNS + " FROM photos WHERE id = ?", id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Pending rows in add order after {@code afterId}, at most {@code limit}. */
    public List<StoredPhoto> pending(long afterId, int limit) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM photos WHERE state = 'PENDING' AND id > ? ORDER BY id LIMIT ?",
                afterId, limit);
    }

    /** Every row that still needs its file (PENDING and FAILED). */
    public List<StoredPhoto> holdingFiles() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM photos WHERE state IN ('PENDING', 'FAILED') ORDER BY id");
    }

    /** Whether a PENDING or FAILED row other than {@code exceptId} uses the file {@code sha256}. */
    public boolean fileNeeded(String sha256, long exceptId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM photos WHERE sha256 = ? AND id <> ? "
                + "AND state IN ('PENDING', 'FAILED') LIMIT 1")) {
            p.setString(1, sha256);
            p.setLong(2, exceptId);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    public Set<String> shasHoldingFiles() throws SQLException {
        Set<String> out = new HashSet<>();
        for (StoredPhoto p : holdingFiles()) {
            out.add(p.sha256());
        }
        return out;
    }

    public int setUpload(long id, String uploadId, long offset) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE photos SET upload_id = ?, sent_offset = ? "
                + "WHERE id = ? AND state = 'PENDING'")) {
            p.setString(1, uploadId);
            p.setLong(2, offset);
            p.setLong(3, id);
            return p.executeUpdate();
        }
    }

    public int finish(long id, PhotoState state, String failure, long doneAt) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE photos SET state = ?, failure = ?, done_at = ? "
                + "WHERE id = ? AND state = 'PENDING'")) {
            p.setString(1, state.name());
            p.setString(2, failure);
            p.setLong(3, doneAt);
            p.setLong(4, id);
            return p.executeUpdate();
        }
    }

    public long count(PhotoState state) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM photos WHERE state = ?")) {
            p.setString(1, state.name());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    public long pendingBytes() throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT coalesce(sum(size), 0) FROM photos WHERE state = 'PENDING'")) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    /** Deletes UPLOADED rows finished before {@code cutoff} (epoch ms); PENDING and FAILED rows stay. */
    public int pruneUploaded(long cutoff) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM photos WHERE state = 'UPLOADED' AND done_at < ?")) {
            p.setLong(1, cutoff);
            return p.executeUpdate();
        }
    }

    private List<StoredPhoto> query(String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            List<StoredPhoto> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredPhoto(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), r.getLong(7), PhotoState.valueOf(r.getString(8)),
                            r.getString(9), r.getLong(10), r.getString(11), Instant.ofEpochMilli(r.getLong(12))));
                }
            }
            return out;
        }
    }

    /** {@link #fileNeeded} for any row, false when the index cannot be read (only for cleanup after a failure). */
    public boolean fileNeededQuietly(String sha256) {
        try {
            return fileNeeded(sha256, -1);
        } catch (SQLException e) {
            return true; // keep the file: a file without a row is removed on the next open anyway
        }
    }
}
