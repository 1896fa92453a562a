package org.confbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Callers against the packaged server with sipp, over UDP and TCP: what a SIP phone sees.
 * Each scenario (src/test/resources/sipp) fails on any unexpected message or SDP.
 */
@ExtendWith(SharedServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SipCallsIT {

    private final RunningServer server;
    private String conference;
    private String phone;

    SipCallsIT(RunningServer server) {
        this.server = server;
    }

    @BeforeAll
    void provision() {
        Provisioning provisioning = new Provisioning(server);
        conference = provisioning.newConference();
        phone = provisioning.newPhoneExtension();
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void conferenceCallIsAnsweredWithG711AndTakesDtmfHoldAndBye(Sipp.Transport transport) {
        int before = liveCalls(); // the server is shared: other suites' calls may be live
        assertSucceeds(Sipp.scenario("call.xml").dial(conference).transport(transport).calls(3, 10));
        assertLiveCallsBackTo(before, "calls left after BYE");
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void cancelWhileRingingGets487(Sipp.Transport transport) {
        int before = liveCalls();
        assertSucceeds(Sipp.scenario("cancel.xml").dial(conference).transport(transport));
        assertLiveCallsBackTo(before, "a cancelled call never joins");
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void unknownNumberGets404(Sipp.Transport transport) {
        assertSucceeds(Sipp.scenario("unknown.xml").dial("99999999999").transport(transport));
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void extensionThatIsNoConferenceGets404(Sipp.Transport transport) {
        assertSucceeds(Sipp.scenario("unknown.xml").dial(phone).transport(transport));
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void offerWithoutG711Gets488(Sipp.Transport transport) {
        assertSucceeds(Sipp.scenario("no-common-codec.xml").dial(conference).transport(transport));
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void optionsListsMethodsAndBodies(Sipp.Transport transport) {
        assertSucceeds(Sipp.scenario("options.xml").dial(conference).transport(transport));
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void badDtmfInfoGets400AndUnknownInfoType415WithoutEndingTheCall(Sipp.Transport transport) {
        assertSucceeds(Sipp.scenario("bad-info.xml").dial(conference).transport(transport));
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void malformedAndUnexpectedRequestsGet4xx(Sipp.Transport transport) {
        assertSucceeds(Sipp.scenario("bad-sdp.xml").dial(conference).transport(transport));            // 400
        assertSucceeds(Sipp.scenario("wrong-body-type.xml").dial(conference).transport(transport));    // 415
        assertSucceeds(Sipp.scenario("tel-uri.xml").dial(conference).transport(transport));            // 416
        assertSucceeds(Sipp.scenario("info-outside-dialog.xml").dial(conference).transport(transport)); // 481
        assertSucceeds(Sipp.scenario("unsupported-method.xml").dial(conference).transport(transport)); // 405
        assertThat(server.output()).as("server log").doesNotContain("SEVERE");
    }

    /** The BYE is answered before the call leaves its conference: allow the server a moment. */
    private void assertLiveCallsBackTo(int expected, String what) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        int live = liveCalls();
        while (live > expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            live = liveCalls();
        }
        assertThat(live).as(what).isLessThanOrEqualTo(expected);
    }

    private int liveCalls() {
        return Provisioning.parse(server.get("/api/ver1.0/health").body()).get("live_calls").asInt();
    }

    private void assertSucceeds(Sipp sipp) {
        Sipp.Result result = sipp.run(server);
        assertThat(result.exitCode()).as(result.describe()).isZero();
    }
}
