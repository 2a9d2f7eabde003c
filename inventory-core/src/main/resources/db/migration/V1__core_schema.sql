-- The core's system of record (MariaDB / MySQL, InnoDB). Identifiers compare byte for byte (utf8mb4_bin), as
-- Redis keys do: 'sku-1' and 'SKU-1' are two SKUs in both stores.

-- Facts about the deployment that must not change under existing data (the bucket count of the Redis layout) and
-- the row that serialises writers of the changes log.
CREATE TABLE core_meta (
  name  VARCHAR(64)  NOT NULL PRIMARY KEY,
  value VARCHAR(255) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT INTO core_meta (name, value) VALUES ('changes-lock', '');

CREATE TABLE warehouses (
  tenant     VARCHAR(64) NOT NULL,
  warehouse  VARCHAR(64) NOT NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (tenant, warehouse)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- gtins and barcodes are JSON arrays of strings.
CREATE TABLE skus (
  tenant     VARCHAR(64)  NOT NULL,
  sku        VARCHAR(128) NOT NULL,
  name       VARCHAR(255) NOT NULL,
  unit       VARCHAR(16)  NOT NULL,
  gtins      TEXT         NOT NULL,
  barcodes   TEXT         NOT NULL,
  updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (tenant, sku)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE locations (
  tenant     VARCHAR(64)  NOT NULL,
  warehouse  VARCHAR(64)  NOT NULL,
  code       VARCHAR(128) NOT NULL,
  type       VARCHAR(32)  NOT NULL,
  zone       VARCHAR(64)  NULL,
  updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (tenant, warehouse, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per stock record, written only by the write-back worker (and its guard: a row only moves to a higher
-- seq, the per-record sequence number of the Redis operation whose figures it holds).
CREATE TABLE stock (
  tenant     VARCHAR(64)  NOT NULL,
  warehouse  VARCHAR(64)  NOT NULL,
  sku        VARCHAR(128) NOT NULL,
  bucket     INT          NOT NULL,
  on_hand    BIGINT       NOT NULL,
  usable     BIGINT       NOT NULL,
  reserved   BIGINT       NOT NULL,
  seq        BIGINT       NOT NULL,
  updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (tenant, warehouse, sku),
  KEY stock_bucket (bucket)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One order's reservation on one stock record. state: R active, X released, P fully picked.
CREATE TABLE reservations (
  tenant     VARCHAR(64)  NOT NULL,
  warehouse  VARCHAR(64)  NOT NULL,
  sku        VARCHAR(128) NOT NULL,
  order_no   VARCHAR(128) NOT NULL,
  state      CHAR(1)      NOT NULL,
  reserved   BIGINT       NOT NULL,
  picked     BIGINT       NOT NULL,
  shipped    TINYINT      NOT NULL DEFAULT 0,
  seq        BIGINT       NOT NULL,
  updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (tenant, warehouse, sku, order_no),
  KEY reservations_order (tenant, warehouse, order_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Orders entered through POST /v1/orders. status: PENDING (being reserved), RESERVED, PARTIAL, PICKED, RELEASED,
-- SHIPPED.
CREATE TABLE orders (
  tenant     VARCHAR(64)  NOT NULL,
  warehouse  VARCHAR(64)  NOT NULL,
  order_no   VARCHAR(128) NOT NULL,
  status     VARCHAR(16)  NOT NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (tenant, warehouse, order_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE order_lines (
  tenant    VARCHAR(64)  NOT NULL,
  warehouse VARCHAR(64)  NOT NULL,
  order_no  VARCHAR(128) NOT NULL,
  line_no   INT          NOT NULL,
  sku       VARCHAR(128) NOT NULL,
  qty       BIGINT       NOT NULL,
  location  VARCHAR(128) NULL,
  reserved  BIGINT       NOT NULL DEFAULT 0,
  picked    BIGINT       NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant, warehouse, order_no, line_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per operation that reached a stock decision (applied, or rejected for a reason that depends on state),
-- and per admin correction (kind C). op_id is unique: a replayed write-back event inserts nothing. The first
-- result lives here forever; Redis keeps it only for fg.core.idempotency-ttl.
CREATE TABLE ledger (
  id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  op_id       VARCHAR(40)   NOT NULL,
  kind        CHAR(1)       NOT NULL,
  tenant      VARCHAR(64)   NULL,
  warehouse   VARCHAR(64)   NULL,
  sku         VARCHAR(128)  NULL,
  type        VARCHAR(16)   NULL,
  qty         BIGINT        NULL,
  location    VARCHAR(128)  NULL,
  to_location VARCHAR(128)  NULL,
  order_no    VARCHAR(128)  NULL,
  lot         VARCHAR(128)  NULL,
  serial      VARCHAR(128)  NULL,
  expiry      VARCHAR(16)   NULL,
  device_id   VARCHAR(128)  NULL,
  operator    VARCHAR(128)  NULL,
  occurred_at VARCHAR(40)   NULL,
  fingerprint CHAR(64)      NOT NULL,
  status      VARCHAR(12)   NOT NULL,
  code        VARCHAR(40)   NULL,
  message     VARCHAR(1024) NULL,
  on_hand     BIGINT        NULL,
  usable      BIGINT        NULL,
  reserved    BIGINT        NULL,
  delta       BIGINT        NULL,
  seq         BIGINT        NULL,
  op_json     TEXT          NOT NULL,
  recorded_at TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY ledger_op (op_id),
  KEY ledger_record (tenant, warehouse, sku)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The feed of GET /v1/changes: one row per changed entity (REPLACE moves it to the end), read by id. warehouse is
-- '' for tenant-wide entities (SKUs). Writers hold the core_meta 'changes-lock' row so ids commit in order.
CREATE TABLE changes (
  id        BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind      VARCHAR(16)  NOT NULL,
  tenant    VARCHAR(64)  NOT NULL,
  warehouse VARCHAR(64)  NOT NULL,
  ref       VARCHAR(128) NOT NULL,
  UNIQUE KEY changes_entity (kind, tenant, warehouse, ref),
  KEY changes_tenant (tenant, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Explicit admin corrections (POST /v1/admin/corrections); each is also a ledger row of kind C.
CREATE TABLE corrections (
  id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  op_id           VARCHAR(40)   NOT NULL,
  tenant          VARCHAR(64)   NOT NULL,
  warehouse       VARCHAR(64)   NOT NULL,
  sku             VARCHAR(128)  NOT NULL,
  before_on_hand  BIGINT        NOT NULL,
  before_usable   BIGINT        NOT NULL,
  before_reserved BIGINT        NOT NULL,
  on_hand         BIGINT        NOT NULL,
  usable          BIGINT        NOT NULL,
  reserved        BIGINT        NOT NULL,
  reason          VARCHAR(1024) NOT NULL,
  actor           VARCHAR(128)  NOT NULL,
  created_at      TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
