-- Replenishment settings per SKU and warehouse (PUT /v1/replenishment/settings/...). A SKU without a row gets the
-- fg.core.replenishment.* defaults. Version 10, not 2: other work in flight adds low versions; Flyway applies
-- them in order on a fresh database.
CREATE TABLE replenishment_settings (
  tenant             VARCHAR(64)  NOT NULL,
  warehouse          VARCHAR(64)  NOT NULL,
  sku                VARCHAR(128) NOT NULL,
  lead_time_days     INT          NOT NULL,
  review_period_days INT          NOT NULL,
  service_level      DOUBLE       NOT NULL,
  moq                BIGINT       NOT NULL,
  pack_size          BIGINT       NOT NULL,
  updated_at         TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (tenant, warehouse, sku)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
