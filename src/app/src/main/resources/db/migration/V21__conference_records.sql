-- Issue 12: call records. Every finished conference with its participants. Portable SQL (H2 2.x, PostgreSQL 10+).
CREATE SEQUENCE conference_records_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE conference_record_participants_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE conference_records (
    id                 BIGINT PRIMARY KEY,
    client_id          BIGINT        NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    extension_id       BIGINT,       -- kept when the extension is deleted later
    conference_id      VARCHAR(100)  NOT NULL UNIQUE,
    started_at         TIMESTAMP     NOT NULL,
    ended_at           TIMESTAMP     NOT NULL,
    peak_participants  INTEGER       NOT NULL
);
CREATE INDEX ix_conference_records_client ON conference_records (client_id, started_at);

CREATE TABLE conference_record_participants (
    id              BIGINT PRIMARY KEY,
    record_id       BIGINT        NOT NULL REFERENCES conference_records (id) ON DELETE CASCADE,
    participant_id  VARCHAR(100)  NOT NULL,
    number          VARCHAR(200),
    name            VARCHAR(200),
    role            VARCHAR(32),
    origin          VARCHAR(32),
    joined_at       TIMESTAMP     NOT NULL,
    left_at         TIMESTAMP,
    reason          VARCHAR(64),
    talking_ms      BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX ix_conference_record_participants_record ON conference_record_participants (record_id, id);
