-- A tenant's parcel photos in its own schema (docs/TENANTS.md): upload state, stored photos, which photo is a
-- parcel's shot, and the customer's reviews, whose photo.reviewed events go into this schema's event_outbox (V1) in
-- the review's transaction.
-- An upload: its declared size and SHA-256, and how many bytes are durably staged (received). Chunks are staged in
-- S3 (one object per chunk); a chunk counts only once its row below and the new received commit together with
-- "received = the chunk's offset" as condition, so two instances racing on one upload cannot both advance it.
CREATE TABLE photo_uploads (
  upload_id    CHAR(36)     NOT NULL,
  tenant       VARCHAR(64)  NOT NULL,
  warehouse    VARCHAR(64)  NOT NULL,
  parcel_id    VARCHAR(128) NOT NULL,
  shot         VARCHAR(64)  NOT NULL,
  content_type VARCHAR(64)  NOT NULL,
  total_size   BIGINT       NOT NULL,
  sha256       CHAR(64)     NOT NULL,
  received     BIGINT       NOT NULL DEFAULT 0,
  state        VARCHAR(16)  NOT NULL,
  created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (upload_id),
  KEY photo_uploads_tenant (tenant, parcel_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE photo_upload_chunks (
  upload_id    CHAR(36)     NOT NULL,
  offset_bytes BIGINT       NOT NULL,
  length       INT          NOT NULL,
  sha256       CHAR(64)     NOT NULL,
  object_key   VARCHAR(512) NOT NULL,
  PRIMARY KEY (upload_id, offset_bytes)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A stored photo, content-addressed per tenant by the SHA-256 of the bytes the device uploaded: the same photo
-- uploaded twice is one row and one object. stored_sha256 is that of the stored (location-free) JPEG.
CREATE TABLE photos (
  tenant        VARCHAR(64)  NOT NULL,
  sha256        CHAR(64)     NOT NULL,
  stored_sha256 CHAR(64)     NOT NULL,
  stored_size   BIGINT       NOT NULL,
  thumb_size    BIGINT       NOT NULL,
  width         INT          NOT NULL,
  height        INT          NOT NULL,
  created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (tenant, sha256)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Which photo a parcel's shot is (the newest completed upload of that shot wins).
CREATE TABLE parcel_photos (
  tenant     VARCHAR(64)  NOT NULL,
  parcel_id  VARCHAR(128) NOT NULL,
  shot       VARCHAR(64)  NOT NULL,
  warehouse  VARCHAR(64)  NOT NULL,
  sha256     CHAR(64)     NOT NULL,
  taken_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (tenant, parcel_id, shot)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The customer's review of a parcel's photos; each row is also a photo.reviewed event in event_outbox (EVENTS.md).
CREATE TABLE photo_reviews (
  review_id   CHAR(36)      NOT NULL,
  tenant      VARCHAR(64)   NOT NULL,
  parcel_id   VARCHAR(128)  NOT NULL,
  verdict     VARCHAR(16)   NOT NULL,
  comment     VARCHAR(2000) NULL,
  created_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (review_id),
  KEY photo_reviews_parcel (tenant, parcel_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
