-- Tenant isolation at the database (issue 17 item 4; docs/TENANTS.md). Parcels, parcel intakes, shipments and parcel
-- photos live in each tenant's own schema (db/tenant), used with that tenant's own MySQL user; none of them has a
-- table in the shared schema (they never shipped in it: their first versions were folded into db/tenant).

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
