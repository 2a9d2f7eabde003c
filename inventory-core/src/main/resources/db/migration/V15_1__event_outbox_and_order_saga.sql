-- Issue 15: events out (transactional outbox) and orders in as a saga. Versioned 15.1 (the issue's number) so it
-- cannot collide with other branches' V2, V3...

-- The transactional outbox (EventOutbox): a row is written in the SAME transaction as the change it reports (the
-- write-back's batch, an order's status change), so a committed change always has its event. The publisher
-- (EventPublisher) sends unpublished rows in id order with publisher confirms and sets published_at after the
-- broker confirmed them; a crash between the confirm and the update sends them again (same event_id = AMQP
-- message id, so consumers drop the duplicate). event_id is unique: a write-back batch replayed after a crash
-- inserts nothing twice. Published rows are purged after fg.bus.outbox-retention.
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

-- The saga's bookkeeping on an order. attempt: bumped when a RELEASED (rejected) order is placed again, part of
-- every derived event id. closed_reason: why a RELEASED order is closed (REJECTED, CANCELLED, ABANDONED); a
-- CANCELLED order is never reserved again. cancel_requested: the cancel step started and must be finished by the
-- compensation task if the core stops half-way. stuck_reported: the status the stuck scan last reported.
ALTER TABLE orders
  ADD COLUMN attempt          INT          NOT NULL DEFAULT 1,
  ADD COLUMN closed_reason    VARCHAR(16)  NULL,
  ADD COLUMN cancel_requested TINYINT      NOT NULL DEFAULT 0,
  ADD COLUMN stuck_reported   VARCHAR(16)  NULL,
  ADD KEY orders_status (status);

-- When the order entered its current status (updated_at moves on every write, so it cannot say how long an order
-- has been stuck).
ALTER TABLE orders ADD COLUMN status_since TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3);
