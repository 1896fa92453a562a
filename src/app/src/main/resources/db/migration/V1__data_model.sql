-- confbridge data model, version 1. Portable SQL for H2 2.x and PostgreSQL 10+.
-- Everything belongs to a client (tenant); ids are global, so tenant checks compare client_id.
-- Ids come from one sequence per table (EclipseLink 2.7's identity read-back does not work on H2 2.x).

CREATE SEQUENCE clients_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE applications_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE sounds_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE extensions_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE recordings_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE clients (
    id          BIGINT PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    -- Calls whose Request-URI host equals sip_domain belong to this client; others go to the default client.
    sip_domain  VARCHAR(253) UNIQUE,
    is_default  BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMP    NOT NULL
);

-- OAuth2 client-credentials applications (API credentials).
CREATE TABLE applications (
    id               BIGINT PRIMARY KEY,
    client_id        BIGINT       NOT NULL REFERENCES clients (id),
    oauth_client_id  VARCHAR(100) NOT NULL UNIQUE,
    secret_hash      VARCHAR(100) NOT NULL,   -- bcrypt, never the secret itself
    name             VARCHAR(200) NOT NULL,
    administrator    BOOLEAN      NOT NULL DEFAULT FALSE,
    revoked          BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at       TIMESTAMP    NOT NULL
);

-- Issued bearer tokens, stored as SHA-256 so a database dump does not hand out live tokens.
-- Kept in the database (not in memory) so every node behind a proxy accepts them.
CREATE TABLE access_tokens (
    token_hash      CHAR(64)  PRIMARY KEY,
    application_id  BIGINT    NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    expires_at      TIMESTAMP NOT NULL
);
CREATE INDEX ix_access_tokens_expires ON access_tokens (expires_at);

CREATE TABLE sounds (
    id                  BIGINT PRIMARY KEY,
    client_id           BIGINT       NOT NULL REFERENCES clients (id),
    title               VARCHAR(200) NOT NULL,
    original_filename   VARCHAR(255),
    original_format     VARCHAR(8)   NOT NULL CHECK (original_format IN ('wav', 'mp3')),
    original_size       BIGINT       NOT NULL,
    duration_ms         BIGINT       NOT NULL,
    created_at          TIMESTAMP    NOT NULL,
    updated_at          TIMESTAMP    NOT NULL,
    version             BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX ix_sounds_client ON sounds (client_id);

-- Audio bytes live apart from the metadata so listing sounds never loads megabytes.
-- In the database (not the data dir): one backup unit, transactional with the metadata,
-- and every node of a cluster sees the same files without a shared file system.
CREATE TABLE sound_audio (
    sound_id       BIGINT PRIMARY KEY REFERENCES sounds (id) ON DELETE CASCADE,
    original_data  BYTEA NOT NULL,   -- the upload as received (WAV or MP3)
    pcm_data       BYTEA NOT NULL    -- converted once: 8 kHz, mono, signed 16-bit little-endian PCM
);

CREATE TABLE extensions (
    id          BIGINT PRIMARY KEY,
    client_id   BIGINT       NOT NULL REFERENCES clients (id),
    name        VARCHAR(32)  NOT NULL,   -- the dialable number, digits only
    type        VARCHAR(16)  NOT NULL CHECK (type IN ('conference', 'phone')),
    label       VARCHAR(200),
    created_at  TIMESTAMP    NOT NULL,
    CONSTRAINT uq_extensions_client_name UNIQUE (client_id, name)
);

-- The eight seed properties of a conference extension; one row per extension of type conference.
CREATE TABLE conference_properties (
    extension_id          BIGINT PRIMARY KEY REFERENCES extensions (id) ON DELETE CASCADE,
    announce_caller_name  BOOLEAN     NOT NULL DEFAULT FALSE,
    enter_sound           BIGINT      REFERENCES sounds (id),
    max_members           INTEGER,
    pin                   VARCHAR(16),
    moderator_pin         VARCHAR(16),
    mute_non_moderator    BOOLEAN     NOT NULL DEFAULT FALSE,
    music_on_hold_sound   BIGINT      REFERENCES sounds (id),
    record_enabled        BOOLEAN     NOT NULL DEFAULT FALSE,
    version               BIGINT      NOT NULL DEFAULT 0   -- optimistic locking: concurrent PUTs lose nothing
);

-- Recordings of invited external participants (issue 6).
CREATE TABLE recordings (
    id              BIGINT PRIMARY KEY,
    client_id       BIGINT        NOT NULL REFERENCES clients (id),
    extension_id    BIGINT        REFERENCES extensions (id) ON DELETE SET NULL,
    number          VARCHAR(64)   NOT NULL,   -- the invited external number
    inviter         VARCHAR(200),             -- who pressed *8 (number or name)
    started_at      TIMESTAMP     NOT NULL,
    duration_ms     BIGINT,
    size_bytes      BIGINT,
    file_path       VARCHAR(1000),
    status          VARCHAR(16)   NOT NULL CHECK (status IN ('recording', 'completed', 'failed')),
    error           VARCHAR(1000)
);
CREATE INDEX ix_recordings_client ON recordings (client_id);
CREATE INDEX ix_recordings_extension ON recordings (extension_id);
