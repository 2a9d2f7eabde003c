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
