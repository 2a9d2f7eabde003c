-- The tenant's inventory, master data and orders (docs/TENANTS.md, "Stock, ledger, master data and orders"): one
-- view per shared table of the core's schema ${core_schema}, showing this tenant's rows only. The tenant's MySQL
-- user has SELECT, INSERT, UPDATE, DELETE on this schema and nothing else, so on its connection
--   - a read of another tenant's rows finds none (the view's WHERE), whatever the query says;
--   - a write of a row naming another tenant is refused by MySQL (WITH CHECK OPTION: ER_VIEW_CHECK_FAILED, 1369);
--   - the shared tables themselves are refused (no grant: ER_TABLEACCESS_DENIED, 1142).
-- The rows stay in the shared tables, and that is deliberate: the ledger's op_id is unique across the core (the
-- exactly-once key of every gateway's operations), the change feed's ids are one ordered sequence a device holding
-- several tenants reads with one cursor, and central IT's own jobs (write-back checks, reconciliation, backups)
-- read every tenant at once. The views are SQL SECURITY DEFINER: MySQL checks the core's user (who created them
-- with Flyway) against the shared tables, and the tenant's user against the view. Simple single-table views, so
-- MySQL merges them into the query: the shared tables' keys are used as before (EXPLAIN shows the primary key).
--
-- A core migration that adds a column to one of these tables must add a tenant migration that recreates its view
-- (a view's column list is fixed when it is made).
--
-- ${tenant} is a tenant code as TenantNames.checkCode allows ([A-Za-z0-9._-]{1,64}): nothing to escape.

CREATE OR REPLACE SQL SECURITY DEFINER VIEW warehouses AS
  SELECT * FROM `${core_schema}`.warehouses WHERE tenant = '${tenant}' WITH CASCADED CHECK OPTION;
CREATE OR REPLACE SQL SECURITY DEFINER VIEW skus AS
  SELECT * FROM `${core_schema}`.skus WHERE tenant = '${tenant}' WITH CASCADED CHECK OPTION;
CREATE OR REPLACE SQL SECURITY DEFINER VIEW locations AS
  SELECT * FROM `${core_schema}`.locations WHERE tenant = '${tenant}' WITH CASCADED CHECK OPTION;
CREATE OR REPLACE SQL SECURITY DEFINER VIEW stock AS
  SELECT * FROM `${core_schema}`.stock WHERE tenant = '${tenant}' WITH CASCADED CHECK OPTION;
CREATE OR REPLACE SQL SECURITY DEFINER VIEW reservations AS
  SELECT * FROM `${core_schema}`.reservations WHERE tenant = '${tenant}' WITH CASCADED CHECK OPTION;
CREATE OR REPLACE SQL SECURITY DEFINER VIEW orders AS
  SELECT * FROM `${core_schema}`.orders WHERE tenant = '${tenant}' WITH CASCADED CHECK OPTION;
CREATE OR REPLACE SQL SECURITY DEFINER VIEW order_lines AS
  SELECT * FROM `${core_schema}`.order_lines WHERE tenant = '${tenant}' WITH CASCADED CHECK OPTION;
CREATE OR REPLACE SQL SECURITY DEFINER VIEW ledger AS
  SELECT * FROM `${core_schema}`.ledger WHERE tenant = '${tenant}' WITH CASCADED CHECK OPTION;
CREATE OR REPLACE SQL SECURITY DEFINER VIEW changes AS
  SELECT * FROM `${core_schema}`.changes WHERE tenant = '${tenant}' WITH CASCADED CHECK OPTION;
CREATE OR REPLACE SQL SECURITY DEFINER VIEW corrections AS
  SELECT * FROM `${core_schema}`.corrections WHERE tenant = '${tenant}' WITH CASCADED CHECK OPTION;
CREATE OR REPLACE SQL SECURITY DEFINER VIEW replenishment_settings AS
  SELECT * FROM `${core_schema}`.replenishment_settings WHERE tenant = '${tenant}' WITH CASCADED CHECK OPTION;

-- The one row every writer of the change feed locks, whatever its tenant, so change ids become visible in the
-- order they were taken (ChangeLog). The tenant's user can lock it and nothing else of core_meta.
CREATE OR REPLACE SQL SECURITY DEFINER VIEW changes_lock AS
  SELECT name, value FROM `${core_schema}`.core_meta WHERE name = 'changes-lock' WITH CASCADED CHECK OPTION;
