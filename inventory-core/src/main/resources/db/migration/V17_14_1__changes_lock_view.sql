-- The change feed's lock row under the name every writer uses, on the core's connection as on a tenant's: a tenant's
-- schema has a view of the same name over this same row (db/tenant V3), so ChangeLog locks one row whichever
-- connection writes, and change ids become visible in the order they were taken across all tenants.
CREATE OR REPLACE VIEW changes_lock AS
  SELECT name, value FROM core_meta WHERE name = 'changes-lock' WITH CASCADED CHECK OPTION;
