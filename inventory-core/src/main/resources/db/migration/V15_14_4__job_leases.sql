-- Versioned 15.14.4 (issue 14 item 4, numbered after 15.1 so databases already at 15.1 take it in order).
-- Issue 14 item 4: several core instances share one database; each scheduled job (reconciliation, the order saga
-- monitor, the replenishment publish job) runs only on the instance holding its lease (JobLeases). Expiry is
-- measured by the database clock, so instances with skewed clocks agree on it; epoch counts the hand-overs.
CREATE TABLE job_leases (
  name        VARCHAR(64)  NOT NULL PRIMARY KEY,
  owner       VARCHAR(255) NOT NULL,
  expires_at  DATETIME(3)  NOT NULL,
  epoch       BIGINT       NOT NULL,
  acquired_at DATETIME(3)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
