-- Tenant isolation at the database (issue 17 item 4; docs/TENANTS.md). Parcels, parcel intakes, shipments and parcel
-- photos now live in each tenant's own schema (db/tenant), used with that tenant's own MySQL user; none of that data
-- had shipped to a site, so the shared copies are dropped rather than migrated.
DROP TABLE IF EXISTS photo_reviews;
DROP TABLE IF EXISTS parcel_photos;
DROP TABLE IF EXISTS photos;
DROP TABLE IF EXISTS photo_upload_chunks;
DROP TABLE IF EXISTS photo_uploads;
DROP TABLE IF EXISTS shipment_parcels;
DROP TABLE IF EXISTS shipments;
DROP TABLE IF EXISTS parcel_intakes;
DROP TABLE IF EXISTS parcels;
DROP TABLE IF EXISTS parcel_seq;

-- The tenants' database credentials, written by `tenant add` (TenantProvisioner) and read by the core to open a
-- tenant's pool. Here, in the shared schema, because every core instance of a fleet reads it and no tenant user can:
-- their grants name their own schema only. password is never logged.
CREATE TABLE tenant_credentials (
  tenant      VARCHAR(64)  NOT NULL PRIMARY KEY,
  schema_name VARCHAR(64)  NOT NULL,
  user_name   VARCHAR(32)  NOT NULL,
  password    VARCHAR(64)  NOT NULL,
  created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY tenant_credentials_schema (schema_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
