-- Issue 12: webhooks and their outbox. Portable SQL for H2 2.x and PostgreSQL 10+.
CREATE SEQUENCE webhooks_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE webhook_deliveries_seq START WITH 1 INCREMENT BY 1;

-- A URL a client wants its conference events POSTed to, signed with the secret.
CREATE TABLE webhooks (
    id           BIGINT PRIMARY KEY,
    client_id    BIGINT         NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    url          VARCHAR(2000)  NOT NULL,
    secret       VARCHAR(200)   NOT NULL,   -- the HMAC key: needed in clear to sign
    event_types  VARCHAR(2000),             -- comma-separated; NULL: every type
    created_at   TIMESTAMP      NOT NULL
);
CREATE INDEX ix_webhooks_client ON webhooks (client_id);

-- The outbox: one row per event and webhook, written before any attempt, so a restart loses nothing.
-- Deliveries of one webhook and conference (order_key) go out in id order, one at a time.
CREATE TABLE webhook_deliveries (
    id               BIGINT PRIMARY KEY,
    webhook_id       BIGINT          NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id         VARCHAR(64)     NOT NULL,
    event_type       VARCHAR(64)     NOT NULL,
    order_key        VARCHAR(200)    NOT NULL,
    payload          VARCHAR(100000) NOT NULL,
    status           VARCHAR(16)     NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER         NOT NULL DEFAULT 0,
    created_at       TIMESTAMP       NOT NULL,
    next_attempt_at  TIMESTAMP       NOT NULL,
    last_attempt_at  TIMESTAMP,
    last_status      INTEGER,
    last_error       VARCHAR(500),
    delivered_at     TIMESTAMP
);
CREATE INDEX ix_webhook_deliveries_pending ON webhook_deliveries (status, id);
CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
