-- A tenant's own schema (docs/TENANTS.md): the consolidation-warehouse data of ONE tenant, migrated by Flyway from
-- db/tenant into <core database>_t_<tenant> with the core's own MySQL user and used at run time with the tenant's
-- user, which holds SELECT, INSERT, UPDATE, DELETE on this schema and nothing else (TenantProvisioner). The tables
-- keep their tenant column, so a row names its tenant wherever it is read; the core writes here only through this
-- tenant's connection, and the database refuses that connection every other schema.

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

-- Consolidated shipments (issue 17 item 3, core side; CORE-API.md "Shipments (issue 17)"). The packing station (a
-- gateway) merges a customer's RECEIVED parcels into one shipment, picks a carrier service from the tenant's rate
-- cards (docs/RATE-CARDS.md) and tells the core what it chose; the core records it, it does not price again.
-- Shipment writes take the parcel_seq row lock as every parcel write does (ParcelStore), because creating or
-- cancelling a shipment closes or reopens parcels: the feed a gateway polls shows them leave and come back.
--
-- cost_amount is the price the gateway computed, in major units of cost_currency (ISO 4217), exact: DECIMAL, with
-- room for the three minor digits of KWD, BHD or TND; the core refuses more digits than the currency has.
-- state: CREATED (parcels closed, no label yet), LABELLED (a carrier tracking number is on the box: the carrier has
-- it), CANCELLED (parcels back to RECEIVED). The label fields are the tracking number as TrackingNumbers
-- normalises it, as for parcels. fingerprint is a SHA-256 of what the request said (without at, gateway and
-- station, as parcel intakes); answer is the JSON first answered, for a replay of the same opId.
CREATE TABLE shipments (
  tenant              VARCHAR(64)    NOT NULL,
  shipment_id         VARCHAR(32)    NOT NULL,
  warehouse           VARCHAR(64)    NOT NULL,
  customer            VARCHAR(64)    NOT NULL,
  carrier             VARCHAR(32)    NOT NULL,
  service             VARCHAR(32)    NOT NULL,
  rate_card_version   INT            NOT NULL,
  cost_amount         DECIMAL(15, 3) NOT NULL,
  cost_currency       CHAR(3)        NOT NULL,
  weight_grams        INT            NOT NULL,
  length_mm           INT            NOT NULL,
  width_mm            INT            NOT NULL,
  height_mm           INT            NOT NULL,
  dest_country        CHAR(2)        NOT NULL,
  dest_postcode       VARCHAR(16)    NULL,
  state               VARCHAR(16)    NOT NULL,
  label_tracking_key  VARCHAR(64)    NULL,
  label_carrier       VARCHAR(16)    NULL,
  label_format        VARCHAR(40)    NULL,
  label_tracking_raw  VARCHAR(100)   NULL,
  labelled_at         TIMESTAMP(3)   NULL,
  cancelled_at        TIMESTAMP(3)   NULL,
  created_at          TIMESTAMP(3)   NOT NULL,
  gateway             VARCHAR(64)    NULL,
  station             VARCHAR(64)    NULL,
  op_id               VARCHAR(64)    NOT NULL,
  fingerprint         CHAR(64)       NOT NULL,
  answer              MEDIUMTEXT     NOT NULL,
  updated_at          TIMESTAMP(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (tenant, shipment_id),
  UNIQUE KEY shipments_op (tenant, op_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The parcels of a shipment, kept after a cancel (history); a parcel's live shipment is the one not CANCELLED.
CREATE TABLE shipment_parcels (
  tenant       VARCHAR(64) NOT NULL,
  shipment_id  VARCHAR(32) NOT NULL,
  parcel_id    VARCHAR(32) NOT NULL,
  position     INT         NOT NULL,
  PRIMARY KEY (tenant, shipment_id, parcel_id),
  KEY shipment_parcels_parcel (tenant, parcel_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The packing station's list: a customer's parcels in one state (GET /v1/parcels), paged by parcel id.
CREATE INDEX parcels_customer ON parcels (tenant, customer, state, parcel_id);


-- This tenant's transactional outbox: a parcel or shipment change and its event commit together in THIS schema on
-- the tenant's connection (the tenant user has no right on the shared schema). TenantOutboxRelay, run by the event
-- publisher with the core's own user, moves rows into the shared event_outbox (INSERT IGNORE on event_id, then
-- DELETE, one transaction spanning both schemas), from where EventPublisher sends them as before.
CREATE TABLE event_outbox (
  id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  event_id     VARCHAR(64)   NOT NULL,
  routing_key  VARCHAR(400)  NOT NULL,
  type         VARCHAR(32)   NOT NULL,
  payload      MEDIUMTEXT    NOT NULL,
  created_at   TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  published_at TIMESTAMP(3)  NULL,
  UNIQUE KEY outbox_event (event_id),
  KEY outbox_unpublished (published_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
