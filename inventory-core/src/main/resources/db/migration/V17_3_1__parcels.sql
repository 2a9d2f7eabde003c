-- Parcels of a consolidation warehouse (issue 17 item 1; CORE-API.md "Parcels (issue 17)"). A customer or the
-- storefront pre-announces a parcel by its carrier tracking number; a gateway receives it at intake by scanning
-- that number. tracking_key is the number as dev.floorgate.barcodes.TrackingNumbers normalises it, so the key a
-- parcel is stored under is the one a gateway computes from a scan of the label.
--
-- seq orders the feed a gateway polls (GET /v1/parcels/changes): every change of a parcel gives it the next value
-- of parcel_seq, taken under that row's lock and kept until the commit, so seqs become visible in order and a
-- reader's cursor never passes a row that commits later (ParcelStore). One row per parcel, at its latest change.
CREATE TABLE parcel_seq (
  name  VARCHAR(16) NOT NULL PRIMARY KEY,
  value BIGINT      NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT INTO parcel_seq (name, value) VALUES ('parcels', 0);

-- state: ANNOUNCED (expected), RECEIVED (on a shelf, owner known), NO_OWNER (received, no announcement matched:
-- on the no-owner shelf for site IT), CLOSED (left the warehouse; consolidation, later). open_key is the tracking
-- key while the parcel is open, NULL once CLOSED, so a tracking number names at most one open parcel per tenant
-- while a carrier's reuse of an old number after years is still possible.
CREATE TABLE parcels (
  tenant            VARCHAR(64)   NOT NULL,
  parcel_id         VARCHAR(32)   NOT NULL,
  warehouse         VARCHAR(64)   NOT NULL,
  tracking_key      VARCHAR(64)   NOT NULL,
  carrier           VARCHAR(16)   NOT NULL,
  tracking_format   VARCHAR(40)   NOT NULL,
  check_digit_valid TINYINT       NULL,
  tracking_raw      VARCHAR(100)  NOT NULL,
  customer          VARCHAR(64)   NULL,
  customer_name     VARCHAR(200)  NULL,
  notes             VARCHAR(1000) NULL,
  state             VARCHAR(16)   NOT NULL,
  location          VARCHAR(64)   NULL,
  announced_at      TIMESTAMP(3)  NULL,
  received_at       TIMESTAMP(3)  NULL,
  received_gateway  VARCHAR(64)   NULL,
  received_station  VARCHAR(64)   NULL,
  received_op_id    VARCHAR(64)   NULL,
  assigned_at       TIMESTAMP(3)  NULL,
  seq               BIGINT        NOT NULL,
  created_at        TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at        TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  open_key          VARCHAR(64)   AS (IF(state = 'CLOSED', NULL, tracking_key)) STORED,
  PRIMARY KEY (tenant, parcel_id),
  UNIQUE KEY parcels_open_key (tenant, open_key),
  UNIQUE KEY parcels_seq (seq),
  KEY parcels_feed (tenant, warehouse, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Intakes by operation id (the gateway's idempotency key, as for operations): a replay answers the stored result;
-- the same opId with another scan is OP_ID_REUSED. fingerprint is what the request said (tenant, warehouse, key,
-- location); answer the JSON first answered.
CREATE TABLE parcel_intakes (
  tenant      VARCHAR(64)   NOT NULL,
  op_id       VARCHAR(64)   NOT NULL,
  parcel_id   VARCHAR(32)   NOT NULL,
  fingerprint VARCHAR(400)  NOT NULL,
  answer      TEXT          NOT NULL,
  created_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (tenant, op_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
