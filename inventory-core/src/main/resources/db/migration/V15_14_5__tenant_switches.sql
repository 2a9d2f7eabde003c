-- Per-tenant switches for gray release (issue 14): a row overrides the configured default of one switch for one
-- tenant. Every core instance rereads the table every fg.core.switches.refresh (2s), so all agree within that.
-- Version 14.10: other work in flight adds versions around 14; Flyway applies them in order on a fresh database.
CREATE TABLE tenant_switches (
  tenant      VARCHAR(64)  NOT NULL,
  switch_name VARCHAR(32)  NOT NULL,
  enabled     BOOLEAN      NOT NULL,
  updated_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (tenant, switch_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
