package org.confbridge.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conference ownership in the shared database, on both databases the server runs on (the real migrations,
 * real concurrent connections): one owner per conference however the first callers race, take-over only
 * after the lease, release, renewal.
 */
class ClusterStoreTest {

    private static final long LEASE = 4000;
    private static EmbeddedPostgres postgres;
    private static DataSource h2;
    private static long nextExtension = 1;

    @BeforeAll
    static void databases() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:cluster-store;DB_CLOSE_DELAY=-1");
        memory.setUser("sa");
        h2 = memory;
        for (DataSource database : databasesUnderTest()) {
            Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
            execute(database, "INSERT INTO clients (id, name, is_default, created_at) VALUES (1, 'c', TRUE, CURRENT_TIMESTAMP)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    static List<DataSource> databasesUnderTest() {
        return List.of(h2, postgres.getPostgresDatabase());
    }

    @ParameterizedTest
    @MethodSource("databasesUnderTest")
    void simultaneousFirstCallersOnTwoNodesEndInOneConference(DataSource database) throws Exception {
        ClusterStore a = node(database, "node-a", 1000);
        ClusterStore b = node(database, "node-b", 1000);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int pair = 0; pair < 200; pair++) {
                long extension = extension(database);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<ClusterStore.Claim> onA = threads.submit(() -> {
                    start.await();
                    return a.claim(extension, "node-a", 1000, 1000 + LEASE);
                });
                Future<ClusterStore.Claim> onB = threads.submit(() -> {
                    start.await();
                    return b.claim(extension, "node-b", 1000, 1000 + LEASE);
                });
                ClusterStore.Claim first = onA.get();
                ClusterStore.Claim second = onB.get();
                assertThat(first.mine() ^ second.mine()).as("exactly one node owns conference " + extension).isTrue();
                String owner = first.mine() ? "node-a" : "node-b";
                assertThat(first.ownerNodeId()).isEqualTo(owner);
                assertThat(second.ownerNodeId()).isEqualTo(owner);
                ClusterStore.Claim loser = first.mine() ? second : first;
                assertThat(loser.ownerSipAddress()).isEqualTo(owner + ":5080"); // where the loser redirects
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("databasesUnderTest")
    void aClaimIsTakenOverOnlyAfterItsLeaseWithoutRenewal(DataSource database) throws Exception {
        ClusterStore store = node(database, "node-c", 0);
        node(database, "node-d", 0);
        long extension = extension(database);
        assertThat(store.claim(extension, "node-c", 0, LEASE).mine()).isTrue();

        assertThat(store.claim(extension, "node-d", LEASE - 1, 2 * LEASE).mine()).as("lease still running").isFalse();
        assertThat(store.heartbeat("node-c", LEASE - 1, 2 * LEASE - 1)).as("claims renewed").isEqualTo(1);
        assertThat(store.claim(extension, "node-d", LEASE + 1, 2 * LEASE).mine()).as("renewed lease").isFalse();
        assertThat(store.liveOwner(extension, "node-d", LEASE + 1)).get()
                .extracting(ClusterStore.Claim::ownerNodeId).isEqualTo("node-c");

        // node-c stops renewing (crashed): once its lease is over the next caller's node takes the conference.
        ClusterStore.Claim takeOver = store.claim(extension, "node-d", 2 * LEASE, 3 * LEASE);
        assertThat(takeOver.mine()).isTrue();
        assertThat(store.claim(extension, "node-c", 2 * LEASE + 1, 3 * LEASE).ownerNodeId()).isEqualTo("node-d");
    }

    @ParameterizedTest
    @MethodSource("databasesUnderTest")
    void anEndedConferenceIsFreeForAnyNodeAndOnlyItsOwnerReleasesIt(DataSource database) throws Exception {
        ClusterStore store = node(database, "node-e", 0);
        node(database, "node-f", 0);
        long extension = extension(database);
        store.claim(extension, "node-e", 0, LEASE);

        store.release(extension, "node-f"); // not its claim: nothing happens
        assertThat(store.liveOwner(extension, "node-f", 1)).get()
                .extracting(ClusterStore.Claim::ownerNodeId).isEqualTo("node-e");

        store.release(extension, "node-e");
        assertThat(store.liveOwner(extension, "node-f", 1)).isEmpty();
        assertThat(store.claim(extension, "node-f", 2, LEASE).mine()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("databasesUnderTest")
    void theClusterViewShowsLivenessDrainingAndOwnedConferences(DataSource database) throws Exception {
        ClusterStore store = node(database, "view-1", 10_000);
        node(database, "view-2", 1_000); // last heartbeat long ago
        store.claim(extension(database), "view-1", 10_000, 10_000 + LEASE);
        store.claim(extension(database), "view-1", 10_000, 10_000 + LEASE);
        store.setDraining("view-1", true);

        List<ClusterNode> nodes = new ArrayList<>(store.nodes(10_500, LEASE));
        nodes.removeIf(n -> !n.nodeId().startsWith("view-"));
        assertThat(nodes).containsExactly(
                new ClusterNode("view-1", "view-1:5080", "view-1:8080", true, true, 2),
                new ClusterNode("view-2", "view-2:5080", "view-2:8080", false, false, 0));

        store.leave("view-1");
        assertThat(store.nodes(10_500, LEASE)).extracting(ClusterNode::nodeId).doesNotContain("view-1");
        assertThat(store.heartbeat("view-1", 11_000, 11_000 + LEASE)).as("gone: register again").isEqualTo(-1);
    }

    private static ClusterStore node(DataSource database, String id, long now) {
        ClusterStore store = new ClusterStore(database);
        store.register(new ClusterSettings(true, id, id + ":5080", id + ":8080", Duration.ofMillis(LEASE)), now);
        return store;
    }

    private static synchronized long extension(DataSource database) throws SQLException {
        long id = nextExtension++;
        execute(database, "INSERT INTO extensions (id, client_id, name, type, created_at) VALUES (" + id + ", 1, '"
                + (1000 + id) + "', 'conference', CURRENT_TIMESTAMP)");
        return id;
    }

    private static void execute(DataSource database, String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
