package org.confbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.confbridge.interfaces.rest.ApiClient;
import org.confbridge.server.cluster.Kamailio;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallOptions;
import org.confbridge.testkit.CallState;
import org.confbridge.testkit.TestPhone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cluster as an operator runs it: one PostgreSQL, Kamailio with the project's configuration, two node
 * processes on 127.0.0.2 and 127.0.0.3; callers dial Kamailio. Callers of one conference meet on one node
 * and hear each other, conferences spread over both nodes, a late caller who reaches the wrong node is sent
 * to the owner, REST (live actions, the client-wide live list gathered from every node) and token revocation
 * (within 1 s) work through either node, a draining node keeps its conference,
 * sends new ones elsewhere and stops by itself, and after kill -9 of a node its conference starts again on
 * the other within 10 s. Skipped only where Kamailio is not installed (CI installs it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final double ALICE = 500;
    private static final double BOB = 700;
    private static final Duration ANSWER = Duration.ofSeconds(15);
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private EmbeddedPostgres postgres;
    private RunningServer nodeA;
    private RunningServer nodeB;
    private Kamailio kamailio;
    private TestPhone phone;
    private ConferenceFixture fixture;
    private String token;
    /** Conference number -> the node ("node-a" / "node-b") Kamailio's hash sent its first caller to. */
    private final Map<String, String> hashedTo = new LinkedHashMap<>();
    private final Map<String, Long> ids = new HashMap<>();

    @BeforeAll
    void startCluster() throws Exception {
        Assumptions.assumeTrue(Kamailio.binary().isPresent(),
                "kamailio is not installed (Debian package kamailio; .ci/run installs it)");
        postgres = EmbeddedPostgres.builder().start();
        nodeA = RunningServer.start(node("node-a", "127.0.0.2", FreePorts.tcpAndUdp(), FreePorts.tcp()));
        nodeB = RunningServer.start(node("node-b", "127.0.0.3", FreePorts.tcpAndUdp(), FreePorts.tcp()));
        kamailio = Kamailio.start(FreePorts.tcpAndUdp(), List.of("127.0.0.2:" + nodeA.sipPort(),
                "127.0.0.3:" + nodeB.sipPort()));
        phone = TestPhone.start();
        fixture = new ConferenceFixture(nodeA);
        token = new ApiClient(nodeA.baseUrl()).token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
    }

    @AfterAll
    void stopCluster() {
        for (AutoCloseable part : new AutoCloseable[] {phone, kamailio, nodeA, nodeB, postgres}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                // best effort: the next part still stops
            }
        }
    }

    @Test
    @Order(1)
    void twoCallersOfOneConferenceThroughKamailioMeetOnOneNodeAndHearEachOther() throws Exception {
        ConferenceFixture.Conference conference = fixture.create(null);
        Call alice = dialViaKamailio(conference.number(), ALICE);
        Call bob = dialViaKamailio(conference.number(), BOB);
        assertThat(alice.audio().awaitTone(BOB, ConferenceFixture.HEARD_DBFS, SETTLE)).as("Alice hears Bob").isTrue();
        assertThat(bob.audio().awaitTone(ALICE, ConferenceFixture.HEARD_DBFS, SETTLE)).as("Bob hears Alice").isTrue();
        RunningServer owner = whereRuns(conference.number()).equals("node-a") ? nodeA : nodeB;
        RunningServer other = owner == nodeA ? nodeB : nodeA;
        awaitOn(owner, conference.number(), 2);
        assertThat(participants(other)).as("nobody of it on the other node").doesNotContainKey(conference.number());
        alice.hangup();
        bob.hangup();
    }

    @Test
    @Order(2)
    void simultaneousFirstCallersOnBothNodesEndInOneConference() throws Exception {
        for (int pair = 0; pair < 10; pair++) {
            ConferenceFixture.Conference conference = fixture.create(null);
            Call onA = phone.call("sip:" + conference.number() + "@127.0.0.2:" + nodeA.sipPort(), CallOptions.defaults());
            Call onB = phone.call("sip:" + conference.number() + "@127.0.0.3:" + nodeB.sipPort(), CallOptions.defaults());
            assertThat(onA.awaitState(CallState.ANSWERED, ANSWER) | onB.awaitState(CallState.ANSWERED, ANSWER)).isTrue();
            Call winner = onA.state() == CallState.ANSWERED ? onA : onB;
            Call loser = winner == onA ? onB : onA;
            // The loser's node names the winner's (302): both callers are sent to one conference, never two.
            assertThat(loser.awaitState(CallState.FAILED, ANSWER)).as("pair %d: both answered", pair).isTrue();
            assertThat(loser.finalStatus()).isEqualTo(302);
            String owner = winner == onA ? "127.0.0.2:" + nodeA.sipPort() : "127.0.0.3:" + nodeB.sipPort();
            assertThat(loser.responses().stream().filter(r -> r.status() == 302).findFirst().orElseThrow().text())
                    .contains("@" + owner);
            winner.hangup();
        }
        awaitNoConferenceOwned();
    }

    @Test
    @Order(3)
    void conferencesSpreadOverBothNodesAndALateCallerOnTheWrongNodeIsSentToTheOwner() throws Exception {
        // Eight conferences, and more until the hash gave node-a one and node-b two (the later tests use them).
        while (hashedTo.size() < 8 || count("node-a") < 1 || count("node-b") < 2) {
            assertThat(hashedTo).as("the hash never picks one node").hasSizeLessThan(30);
            ConferenceFixture.Conference conference = fixture.create(null);
            ids.put(conference.number(), conference.id());
            Call call = dialViaKamailio(conference.number(), ALICE);
            hashedTo.put(conference.number(), whereRuns(conference.number()));
            call.hangup();
        }
        assertThat(hashedTo.values()).as("conferences per node: %s", hashedTo).contains("node-a", "node-b");
        awaitNoConferenceOwned();

        // A conference Kamailio hashes to A, started on B by a caller who dialled B directly.
        String number = numberHashedTo("node-a", 0);
        Call first = dial("sip:" + number + "@127.0.0.3:" + nodeB.sipPort(), ALICE);
        Call direct = phone.call("sip:" + number + "@127.0.0.2:" + nodeA.sipPort(), CallOptions.defaults());
        assertThat(direct.awaitState(CallState.FAILED, ANSWER)).isTrue();
        assertThat(direct.finalStatus()).as("A names the owner instead of starting a second conference").isEqualTo(302);
        Call late = dialViaKamailio(number, BOB); // hashed to A, redirected to B, followed by Kamailio
        assertThat(first.audio().awaitTone(BOB, ConferenceFixture.HEARD_DBFS, SETTLE)).isTrue();
        awaitOn(nodeB, number, 2);
        assertThat(participants(nodeA)).doesNotContainKey(number);

        // REST through the node that does not run it: carried out by the owner.
        ApiClient viaA = new ApiClient(nodeA.baseUrl());
        ApiClient.Answer view = viaA.get("/api/ver1.0/client/@me/live/" + ids.get(number), token);
        assertThat(view.status()).as(view.toString()).isEqualTo(200);
        assertThat(view.json().get("participants")).hasSize(2);
        ApiClient.Answer lock = viaA.post("/api/ver1.0/client/@me/live/" + ids.get(number) + "/lock", token, "{}");
        assertThat(lock.status()).as(lock.toString()).isEqualTo(200);
        ApiClient.Answer onOwner = new ApiClient(nodeB.baseUrl()).get("/api/ver1.0/client/@me/live/" + ids.get(number), token);
        assertThat(onOwner.json().get("locked").asBoolean()).isTrue();
        // A property changed through the node that does not run it reaches the running conference within a second.
        ApiClient.Answer put = viaA.put("/api/ver1.0/client/@me/extension/" + ids.get(number) + "/conference", token,
                "{\"mute_non_moderator\":true}");
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        boolean inForce = false;
        while (!inForce && System.nanoTime() < deadline) {
            inForce = new ApiClient(nodeB.baseUrl()).get("/api/ver1.0/client/@me/live/" + ids.get(number), token)
                    .json().get("settings").get("mute_non_moderator").asBoolean();
        }
        assertThat(inForce).as("the owner's running conference has the new setting").isTrue();
        first.hangup();
        late.hangup();
        awaitNoConferenceOwned();
    }

    @Test
    @Order(4)
    void theClientWideLiveListShowsTheConferencesOfEveryNodeFromEitherNode() throws Exception {
        String onA = numberHashedTo("node-a", 0);
        String onB = numberHashedTo("node-b", 0);
        Call alice = dialViaKamailio(onA, ALICE);
        Call bob = dialViaKamailio(onB, BOB);
        awaitOn(nodeA, onA, 1);
        awaitOn(nodeB, onB, 1);
        for (RunningServer asked : new RunningServer[] {nodeA, nodeB}) {
            ApiClient.Answer live = new ApiClient(asked.baseUrl()).get("/api/ver1.0/client/@me/live", token);
            assertThat(liveList(live)).as("asked %s", asked.host()).containsEntry(onA, "node-a").containsEntry(onB, "node-b");
            assertThat(live.header("X-Confbridge-Missing-Nodes")).as("complete").isNull();
        }
        // The mark of a request between nodes means nothing from a stranger: the list is still gathered.
        ApiClient.Answer marked = new ApiClient(nodeA.baseUrl()).send(java.net.http.HttpRequest
                .newBuilder(new ApiClient(nodeA.baseUrl()).uri("/api/ver1.0/client/@me/live"))
                .header("Authorization", "Bearer " + token).header("X-Confbridge-Forwarded-By", "a-stranger").GET());
        assertThat(liveList(marked)).containsKeys(onA, onB);
        alice.hangup();
        bob.hangup();
        awaitNoConferenceOwned();
    }

    @Test
    @Order(5)
    void aTokenRevokedOnOneNodeIsRefusedOnTheOtherWithinOneSecond() throws Exception {
        ApiClient viaA = new ApiClient(nodeA.baseUrl());
        ApiClient viaB = new ApiClient(nodeB.baseUrl());
        ApiClient.Answer created = viaA.post("/api/ver1.0/client/@me/application", token, "{\"name\":\"cluster-it\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String appToken = viaA.token(created.json().get("client_id").asText(), created.json().get("client_secret").asText());
        assertThat(viaB.get("/api/ver1.0/client/@me/extension", appToken).status()).isEqualTo(200);

        assertThat(viaA.delete("/api/ver1.0/client/@me/application/" + created.json().get("id").asLong(), token)
                .status()).isEqualTo(200);
        long revokedAt = System.nanoTime();
        while (viaB.get("/api/ver1.0/client/@me/extension", appToken).status() == 200) {
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).as("revoked token still accepted by B")
                    .isLessThan(Duration.ofMillis(1000)); // B's half-second request cache + the 250 ms check
        }
        System.out.printf("ClusterIT: a token revoked on node A was refused by node B after %d ms%n",
                Duration.ofNanos(System.nanoTime() - revokedAt).toMillis());
        assertThat(viaB.get("/api/ver1.0/client/@me/extension", appToken).status()).isEqualTo(401);
    }

    @Test
    @Order(6)
    void aDrainingNodeKeepsItsConferenceSendsNewOnesElsewhereAndStopsWhenEmpty() throws Exception {
        String running = numberHashedTo("node-b", 0);
        String fresh = numberHashedTo("node-b", 1);
        Call first = dialViaKamailio(running, ALICE);
        awaitOn(nodeB, running, 1);

        ApiClient.Answer drain = new ApiClient(nodeB.baseUrl()).post("/api/ver1.0/node/drain", token, "{}");
        assertThat(drain.status()).as(drain.toString()).isEqualTo(202);
        assertThat(drain.json().get("draining").asBoolean()).isTrue();

        Call second = dialViaKamailio(running, BOB); // its callers still reach it
        assertThat(first.audio().awaitTone(BOB, ConferenceFixture.HEARD_DBFS, SETTLE)).isTrue();
        awaitOn(nodeB, running, 2);
        Call elsewhere = dialViaKamailio(fresh, ALICE); // a new conference that would have gone to B
        awaitOn(nodeA, fresh, 1);
        assertThat(participants(nodeB)).doesNotContainKey(fresh);
        JsonNode health = Provisioning.parse(nodeB.get("/api/ver1.0/health").body());
        assertThat(health.at("/node/draining").asBoolean()).isTrue();

        first.hangup();
        second.hangup();
        assertThat(nodeB.awaitExit(Duration.ofSeconds(20))).as("a drained node stops by itself").isZero();
        elsewhere.hangup();
        nodeB = null;
    }

    @Test
    @Order(7)
    void afterKillNineOfANodeItsConferenceStartsAgainOnTheOtherWithinTenSeconds() throws Exception {
        nodeB = RunningServer.start(node("node-b", "127.0.0.3", nodeBSipPort, nodeBHttpPort));
        String onA = numberHashedTo("node-a", 0);
        // Kamailio takes B back once it answers its probes again: a conference hashed to B lands there.
        String toB = numberHashedTo("node-b", 0);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Call probe = dialViaKamailio(toB, ALICE);
            boolean onB = whereRuns(toB).equals("node-b");
            probe.hangup();
            if (onB) {
                break;
            }
            assertThat(System.nanoTime()).as("Kamailio sends calls to the restarted node again").isLessThan(deadline);
        }

        dialViaKamailio(onA, ALICE); // the call that dies with its node
        awaitOn(nodeA, onA, 1);
        ProcessHandle killed = ProcessHandle.of(nodeA.pid()).orElseThrow();
        killed.destroyForcibly(); // SIGKILL
        long killedAt = System.nanoTime();
        killed.onExit().get();
        // Its heartbeat is still fresh (it is "alive" for up to a lease): the list is partial and says so.
        ApiClient.Answer partial = new ApiClient(nodeB.baseUrl()).get("/api/ver1.0/client/@me/live", token);
        assertThat(partial.status()).as(partial.toString()).isEqualTo(200);
        assertThat(partial.header("X-Confbridge-Missing-Nodes")).as("the dead node is named").isEqualTo("node-a");
        assertThat(liveList(partial)).doesNotContainKey(onA);
        Call after = null;
        while (after == null) {
            Call attempt = phone.call(viaKamailio(onA), CallOptions.defaults().sendingTone(BOB, ConferenceFixture.SEND_DBFS));
            if (attempt.awaitState(CallState.ANSWERED, Duration.ofSeconds(8))) {
                after = attempt;
            } else {
                attempt.hangup();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).as("a caller gets in after kill -9 of the owner")
                    .isLessThan(Duration.ofSeconds(10));
        }
        System.out.printf("ClusterIT: a caller of the killed node's conference got in %d ms after kill -9%n",
                Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
        awaitOn(nodeB, onA, 1);
        after.hangup();
        // The first call was lost with its node: nothing can end it cleanly (the phone forgets it when it closes).
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private int nodeBSipPort;
    private int nodeBHttpPort;

    private Map<String, String> node(String id, String address, int sipPort, int httpPort) {
        if (id.equals("node-b")) {
            nodeBSipPort = sipPort;
            nodeBHttpPort = httpPort;
        }
        Map<String, String> env = new HashMap<>();
        env.put("CONF_BIND_ADDRESS", address);
        env.put("CONF_SIP_PORT", String.valueOf(sipPort));
        env.put("CONF_HTTP_PORT", String.valueOf(httpPort));
        env.put("CONF_DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
        env.put("CONF_DB_USER", "postgres");
        env.put("CONF_DB_PASSWORD", "");
        env.put("CONF_CLUSTER_ENABLED", "true");
        env.put("CONF_NODE_ID", id);
        env.put("CONF_SIP_ANSWER_DELAY_MS", "0");
        // Every call of this test comes from one phone address: per-source limits would count them together.
        env.put("CONF_SIP_TRUSTED_PROXIES", "127.0.0.1");
        env.put("CONF_SIP_INVITE_RATE", "1000");
        env.put("CONF_SIP_INVITE_BURST", "1000");
        return env;
    }

    private String viaKamailio(String number) {
        return "sip:" + number + "@127.0.0.1:" + kamailio.port();
    }

    private Call dialViaKamailio(String number, double toneHz) throws Exception {
        return dial(viaKamailio(number), toneHz);
    }

    private Call dial(String uri, double toneHz) throws Exception {
        Call call = phone.call(uri, CallOptions.defaults().sendingTone(toneHz, ConferenceFixture.SEND_DBFS));
        call.expectState(CallState.ANSWERED, ANSWER);
        return call;
    }

    private String numberHashedTo(String node, int index) {
        return hashedTo.entrySet().stream().filter(e -> e.getValue().equals(node))
                .map(Map.Entry::getKey).toList().get(index);
    }

    private long count(String node) {
        return hashedTo.values().stream().filter(node::equals).count();
    }

    /** Waits until the conference runs on {@code node} with {@code count} participants (joining follows the answer). */
    private void awaitOn(RunningServer node, String number, int count) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        Map<String, Integer> seen = participants(node);
        while (seen.getOrDefault(number, 0) != count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = participants(node);
        }
        assertThat(seen).as("conference %s on %s", number, node.host()).containsEntry(number, count);
    }

    /** The node ("node-a" / "node-b") where the conference runs, waiting for its first participant to join. */
    private String whereRuns(String number) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < deadline) {
            if (participants(nodeA).containsKey(number)) {
                return "node-a";
            }
            if (participants(nodeB).containsKey(number)) {
                return "node-b";
            }
            Thread.sleep(50);
        }
        throw new AssertionError("conference " + number + " runs on no node");
    }

    /** Number -> participants of the conferences running on that node (the cluster-wide list names each one's node). */
    private Map<String, Integer> participants(RunningServer node) {
        ApiClient.Answer live = new ApiClient(node.baseUrl()).get("/api/ver1.0/client/@me/live", token);
        assertThat(live.status()).as(live.toString()).isEqualTo(200);
        String id = node == nodeA ? "node-a" : "node-b";
        Map<String, Integer> numbers = new HashMap<>();
        for (JsonNode conference : live.json()) {
            if (conference.get("node").asText().equals(id)) {
                numbers.put(conference.get("number").asText(), conference.get("participants").size());
            }
        }
        return numbers;
    }

    /** Number -> node of every conference in the client-wide list as {@code node} answers it, each listed once. */
    private static Map<String, String> liveList(ApiClient.Answer live) {
        assertThat(live.status()).as(live.toString()).isEqualTo(200);
        Map<String, String> nodes = new HashMap<>();
        for (JsonNode conference : live.json()) {
            assertThat(nodes.put(conference.get("number").asText(), conference.get("node").asText()))
                    .as("listed twice: %s", live.body()).isNull();
        }
        return nodes;
    }

    /** Ended conferences give their claims back: the cluster view shows none owned. */
    private void awaitNoConferenceOwned() throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        JsonNode nodes = null;
        while (System.nanoTime() < deadline) {
            nodes = Provisioning.parse(nodeA.get("/api/ver1.0/health").body()).at("/node/cluster/nodes");
            boolean none = true;
            for (JsonNode n : nodes) {
                none &= n.get("conferences_owned").asInt() == 0;
            }
            if (none) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("claims not released: " + nodes);
    }
}
