package org.confbridge.app.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The cluster tables over plain JDBC (every statement on its own, auto-committed: each one is atomic in
 * the database, which is all the claim needs). Works the same on H2 and PostgreSQL.
 */
public final class ClusterStore {

    /** SQLSTATE of a unique (primary key) violation, on PostgreSQL and H2 alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource database;

    public ClusterStore(DataSource database) {
        this.database = database;
    }

    /** The owner of a conference after a claim: this node ({@code mine}) or another one. */
    public record Claim(boolean mine, String ownerNodeId, String ownerSipAddress, String ownerHttpAddress) {
    }

    /** Enters (or re-enters, after a restart) the node into the cluster, not draining. */
    public void register(ClusterSettings node, long now) {
        run(connection -> {
            if (update(connection, "UPDATE cluster_nodes SET sip_address = ?, http_address = ?, heartbeat_at = ?,"
                    + " draining = FALSE, started_at = ? WHERE node_id = ?",
                    node.sipAddress(), node.httpAddress(), now, now, node.nodeId()) == 0) {
                update(connection, "INSERT INTO cluster_nodes (node_id, sip_address, http_address, heartbeat_at,"
                        + " draining, started_at) VALUES (?, ?, ?, ?, FALSE, ?)",
                        node.nodeId(), node.sipAddress(), node.httpAddress(), now, now);
            }
            // Claims from before a restart are stale: this node runs no conference yet.
            update(connection, "DELETE FROM conference_owners WHERE node_id = ?", node.nodeId());
            return null;
        });
    }

    /**
     * The node is alive: its heartbeat and the leases of every conference it owns move on.
     *
     * @return the number of claims renewed, or -1 when the node's row is gone (someone removed it: register again)
     */
    public int heartbeat(String nodeId, long now, long leaseUntil) {
        return run(connection -> {
            int renewed = update(connection, "UPDATE conference_owners SET lease_expires = ? WHERE node_id = ?",
                    leaseUntil, nodeId);
            return update(connection, "UPDATE cluster_nodes SET heartbeat_at = ? WHERE node_id = ?", now, nodeId) > 0
                    ? renewed : -1;
        });
    }

    /**
     * Claims the conference for {@code nodeId} unless another node holds a claim that has not expired:
     * an insert (the primary key lets exactly one of simultaneous first claims through) or, when a row
     * exists, a conditional update that takes it only if it is ours or its lease is over.
     */
    public Claim claim(long extensionId, String nodeId, long now, long leaseUntil) {
        return run(connection -> {
            for (int attempt = 0; attempt < 5; attempt++) {
                try {
                    update(connection, "INSERT INTO conference_owners (extension_id, node_id, lease_expires)"
                            + " VALUES (?, ?, ?)", extensionId, nodeId, leaseUntil);
                    return new Claim(true, nodeId, null, null);
                } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                }
                if (update(connection, "UPDATE conference_owners SET node_id = ?, lease_expires = ?"
                        + " WHERE extension_id = ? AND (node_id = ? OR lease_expires < ?)",
                        nodeId, leaseUntil, extensionId, nodeId, now) == 1) {
                    return new Claim(true, nodeId, null, null);
                }
                Optional<Claim> owner = owner(connection, extensionId, nodeId);
                if (owner.isPresent()) {
                    return owner.get();
                }
                // The owner released it between our statements: try again.
            }
            throw new SQLException("conference " + extensionId + " changed owner too often to claim it");
        });
    }

    /** The node that owns the conference with a lease not yet expired, if any. */
    public Optional<Claim> liveOwner(long extensionId, String nodeId, long now) {
        return run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT o.node_id, n.sip_address,"
                    + " n.http_address FROM conference_owners o JOIN cluster_nodes n ON n.node_id = o.node_id"
                    + " WHERE o.extension_id = ? AND o.lease_expires >= ?")) {
                statement.setLong(1, extensionId);
                statement.setLong(2, now);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? Optional.of(claimOf(row, nodeId)) : Optional.<Claim>empty();
                }
            }
        });
    }

    /** The conference ended on this node: its claim goes (a claim another node took over stays). */
    public void release(long extensionId, String nodeId) {
        run(connection -> update(connection, "DELETE FROM conference_owners WHERE extension_id = ? AND node_id = ?",
                extensionId, nodeId));
    }

    public void setDraining(String nodeId, boolean draining) {
        run(connection -> update(connection, "UPDATE cluster_nodes SET draining = ? WHERE node_id = ?",
                draining, nodeId));
    }

    /** The node stops: it leaves the cluster and gives up its claims at once. */
    public void leave(String nodeId) {
        run(connection -> {
            update(connection, "DELETE FROM conference_owners WHERE node_id = ?", nodeId);
            return update(connection, "DELETE FROM cluster_nodes WHERE node_id = ?", nodeId);
        });
    }

    /** Every registered node with its liveness and the conferences it owns, by node id. */
    public List<ClusterNode> nodes(long now, long lease) {
        return run(connection -> {
            List<ClusterNode> nodes = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT n.node_id, n.sip_address,"
                    + " n.http_address, n.heartbeat_at, n.draining, (SELECT COUNT(*) FROM conference_owners o"
                    + " WHERE o.node_id = n.node_id AND o.lease_expires >= ?) FROM cluster_nodes n ORDER BY n.node_id")) {
                statement.setLong(1, now);
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        nodes.add(new ClusterNode(row.getString(1), row.getString(2), row.getString(3),
                                row.getLong(4) >= now - lease, row.getBoolean(5), row.getInt(6)));
                    }
                }
            }
            return nodes;
        });
    }

    /** Ids of revoked API applications (a small table: read whole). */
    public Set<Long> revokedApplications() {
        return run(connection -> {
            Set<Long> ids = new HashSet<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id FROM applications WHERE revoked = TRUE");
                 ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getLong(1));
                }
            }
            return ids;
        });
    }

    private static Optional<Claim> owner(Connection connection, long extensionId, String nodeId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT o.node_id, n.sip_address,"
                + " n.http_address FROM conference_owners o LEFT JOIN cluster_nodes n ON n.node_id = o.node_id"
                + " WHERE o.extension_id = ?")) {
            statement.setLong(1, extensionId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(claimOf(row, nodeId)) : Optional.empty();
            }
        }
    }

    private static Claim claimOf(ResultSet row, String nodeId) throws SQLException {
        String owner = row.getString(1);
        return new Claim(owner.equals(nodeId), owner, row.getString(2), row.getString(3));
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T with(Connection connection) throws SQLException;
    }

    private <T> T run(Work<T> work) {
        try (Connection connection = database.getConnection()) {
            return work.with(connection);
        } catch (SQLException e) {
            throw new ClusterStoreException(e);
        }
    }

    /** The shared database did not answer as expected (the caller answers 503; the next heartbeat retries). */
    public static final class ClusterStoreException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ClusterStoreException(SQLException cause) {
            super("cluster database: " + cause.getMessage(), cause);
        }
    }
}
