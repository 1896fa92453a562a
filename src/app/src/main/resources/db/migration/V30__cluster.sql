-- Cluster (issue 11): the conference nodes sharing this database, and which node runs which conference.
-- Times are epoch milliseconds of the nodes' clocks (keep them synchronised, e.g. NTP); plain BIGINT
-- arithmetic works the same on H2 and PostgreSQL.

CREATE TABLE cluster_nodes (
    node_id       VARCHAR(64)  PRIMARY KEY,
    sip_address   VARCHAR(128) NOT NULL,   -- host:port callers of its conferences are sent to
    http_address  VARCHAR(128) NOT NULL,   -- host:port other nodes forward live REST actions to
    heartbeat_at  BIGINT       NOT NULL,   -- last sign of life; a node silent for a lease is dead
    draining      BOOLEAN      NOT NULL DEFAULT FALSE,
    started_at    BIGINT       NOT NULL
);

-- One row per running conference: the node that owns it. A row whose lease has expired (its node stopped
-- renewing it) may be taken over by any node; the owner renews its leases with every heartbeat and deletes
-- the row when the conference ends.
CREATE TABLE conference_owners (
    extension_id   BIGINT      PRIMARY KEY REFERENCES extensions (id) ON DELETE CASCADE,
    node_id        VARCHAR(64) NOT NULL,
    lease_expires  BIGINT      NOT NULL
);
CREATE INDEX ix_conference_owners_node ON conference_owners (node_id);
