package org.confbridge.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SdpNegotiatorTest {
    private static final InetAddress LOCAL = address("127.0.0.1");

    /** The offer sipp's built-in uac scenario sends. */
    private static final String SIPP_OFFER = String.join("\r\n",
            "v=0",
            "o=user1 53655765 2353687637 IN IP4 127.0.1.1",
            "s=-",
            "c=IN IP4 127.0.1.1",
            "t=0 0",
            "m=audio 6000 RTP/AVP 0",
            "a=rtpmap:0 PCMU/8000",
            "");

    /** Linphone style: wide codec list, PCMA preferred over PCMU, telephone-event on 101, extra attributes. */
    private static final String LINPHONE_OFFER = String.join("\r\n",
            "v=0",
            "o=alice 3170 1542 IN IP4 192.168.1.20",
            "s=Talk",
            "c=IN IP4 192.168.1.20",
            "t=0 0",
            "a=ice-pwd:31ec21eb38b2ec6d36e8dc7b",
            "m=audio 7078 RTP/AVP 96 97 98 8 0 18 101 99 100",
            "a=rtpmap:96 opus/48000/2",
            "a=fmtp:96 useinbandfec=1",
            "a=rtpmap:97 speex/16000",
            "a=rtpmap:98 speex/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=rtpmap:99 telephone-event/48000",
            "a=rtpmap:100 telephone-event/16000",
            "a=rtcp-fb:* trr-int 1000",
            "");

    /** baresip style: media-level connection, telephone-event on 101, ptime, a video line we must reject. */
    private static final String BARESIP_OFFER = String.join("\r\n",
            "v=0",
            "o=- 1720812321 2081340478 IN IP4 10.0.0.2",
            "s=-",
            "t=0 0",
            "m=audio 10018 RTP/AVP 0 8 101",
            "c=IN IP4 10.0.0.2",
            "b=AS:64",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-15",
            "a=ptime:30",
            "a=sendrecv",
            "a=label:1",
            "m=video 10020 RTP/AVP 96",
            "c=IN IP4 10.0.0.2",
            "a=rtpmap:96 H264/90000",
            "");

    @Test
    void answersSippOfferWithPcmuAndSendsToItsAddress() throws Exception {
        MediaAnswer answer = new SdpNegotiator().answer(SIPP_OFFER, LOCAL, 40000);

        NegotiatedMedia media = answer.media();
        assertThat(media.codec()).isEqualTo(AudioCodec.PCMU);
        assertThat(media.payloadType()).isZero();
        assertThat(media.remoteRtp()).isEqualTo(new InetSocketAddress("127.0.1.1", 6000));
        assertThat(media.telephoneEvents()).isEmpty();
        assertThat(media.direction()).isEqualTo(MediaDirection.SENDRECV);
        assertThat(media.ptimeMillis()).isEqualTo(20);
        assertThat(media.maySend()).isTrue();
        assertThat(answer.sdp())
                .contains("c=IN IP4 127.0.0.1")
                .contains("m=audio 40000 RTP/AVP 0\r\n")
                .contains("a=rtpmap:0 PCMU/8000")
                .contains("a=sendrecv")
                .doesNotContain("telephone-event");
    }

    @Test
    void answerKeepsTheOfferersPreferenceAndTelephoneEventPayloadType() throws Exception {
        MediaAnswer answer = new SdpNegotiator().answer(LINPHONE_OFFER, LOCAL, 40002);

        assertThat(answer.media().codec()).isEqualTo(AudioCodec.PCMA);
        assertThat(answer.media().payloadType()).isEqualTo(8);
        assertThat(answer.media().telephoneEvents()).hasValue(101);
        assertThat(answer.sdp())
                .contains("m=audio 40002 RTP/AVP 8 101\r\n")
                .contains("a=rtpmap:8 PCMA/8000")
                .contains("a=rtpmap:101 telephone-event/8000")
                .contains("a=fmtp:101 0-15");
    }

    @Test
    void rejectsVideoWithPortZeroAndUsesMediaLevelConnectionAndPtime() throws Exception {
        MediaAnswer answer = new SdpNegotiator().answer(BARESIP_OFFER, LOCAL, 40004);

        assertThat(answer.media().codec()).isEqualTo(AudioCodec.PCMU);
        assertThat(answer.media().remoteRtp()).isEqualTo(new InetSocketAddress("10.0.0.2", 10018));
        assertThat(answer.media().ptimeMillis()).isEqualTo(30);
        assertThat(answer.sdp()).contains("m=audio 40004 RTP/AVP 0 101").contains("m=video 0 RTP/AVP 96");
        assertThat(answer.sdp().indexOf("m=audio")).isLessThan(answer.sdp().indexOf("m=video"));
    }

    @Test
    void dynamicallyMappedPcmuIsRecognisedByName() throws Exception {
        String offer = SIPP_OFFER.replace("m=audio 6000 RTP/AVP 0", "m=audio 6000 RTP/AVP 112")
                .replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:112 pcmu/8000");

        NegotiatedMedia media = new SdpNegotiator().answer(offer, LOCAL, 40000).media();

        assertThat(media.codec()).isEqualTo(AudioCodec.PCMU);
        assertThat(media.payloadType()).isEqualTo(112);
    }

    @Test
    void sendonlyOfferIsHoldAndAnsweredRecvonly() throws Exception {
        String hold = BARESIP_OFFER.replace("a=sendrecv", "a=sendonly");

        MediaAnswer answer = new SdpNegotiator().answer(hold, LOCAL, 40000);

        assertThat(answer.media().direction()).isEqualTo(MediaDirection.RECVONLY);
        assertThat(answer.media().onHold()).isTrue();
        assertThat(answer.media().maySend()).isFalse();
        assertThat(answer.media().expectsIncomingMedia()).isTrue();
        assertThat(answer.sdp()).contains("a=recvonly");
    }

    @Test
    void inactiveOfferStopsBothDirectionsSoNoMediaTimeoutIsExpected() throws Exception {
        String inactive = BARESIP_OFFER.replace("a=sendrecv", "a=inactive");

        MediaAnswer answer = new SdpNegotiator().answer(inactive, LOCAL, 40000);

        assertThat(answer.media().direction()).isEqualTo(MediaDirection.INACTIVE);
        assertThat(answer.media().expectsIncomingMedia()).isFalse();
        assertThat(answer.sdp()).contains("a=inactive");
    }

    @Test
    void sessionLevelDirectionAppliesWhenTheMediaLineHasNone() throws Exception {
        String offer = SIPP_OFFER.replace("t=0 0", "t=0 0\r\na=sendonly");

        assertThat(new SdpNegotiator().answer(offer, LOCAL, 40000).media().direction())
                .isEqualTo(MediaDirection.RECVONLY);
    }

    @Test
    void oldStyleHoldWithNullConnectionAddressStopsSending() throws Exception {
        String hold = SIPP_OFFER.replace("c=IN IP4 127.0.1.1", "c=IN IP4 0.0.0.0");

        MediaAnswer answer = new SdpNegotiator().answer(hold, LOCAL, 40000);

        assertThat(answer.media().maySend()).isFalse();
        assertThat(answer.media().onHold()).isTrue();
        assertThat(answer.sdp()).contains("a=recvonly");
    }

    @Test
    void reInviteAnswersIncrementTheOriginVersionOfTheSameSession() throws Exception {
        SdpNegotiator negotiator = new SdpNegotiator();
        String first = negotiator.answer(SIPP_OFFER, LOCAL, 40000).sdp();
        String second = negotiator.answer(SIPP_OFFER, LOCAL, 40000).sdp();

        String[] firstOrigin = originLine(first).split(" ");
        String[] secondOrigin = originLine(second).split(" ");
        assertThat(secondOrigin[1]).isEqualTo(firstOrigin[1]);
        assertThat(Long.parseLong(secondOrigin[2])).isEqualTo(Long.parseLong(firstOrigin[2]) + 1);
    }

    @Test
    void changedRemoteAddressInReInviteIsReported() throws Exception {
        SdpNegotiator negotiator = new SdpNegotiator();
        negotiator.answer(SIPP_OFFER, LOCAL, 40000);
        String moved = SIPP_OFFER.replace("127.0.1.1", "127.0.1.2").replace("6000", "6002");

        assertThat(negotiator.answer(moved, LOCAL, 40000).media().remoteRtp())
                .isEqualTo(new InetSocketAddress("127.0.1.2", 6002));
    }

    @Test
    void ipv6OfferIsAnsweredFromAnIpv6Address() throws Exception {
        String offer = SIPP_OFFER.replace("IN IP4 127.0.1.1", "IN IP6 ::1");

        MediaAnswer answer = new SdpNegotiator().answer(offer, address("::1"), 40000);

        assertThat(answer.media().remoteRtp().getAddress()).isEqualTo(address("::1"));
        assertThat(answer.sdp()).contains("c=IN IP6 0:0:0:0:0:0:0:1");
    }

    @Test
    void offerWithoutACodecWeSpeakIsIncompatible() {
        String offer = LINPHONE_OFFER.replace("96 97 98 8 0 18 101 99 100", "96 97 98 18 101");

        assertThatThrownBy(() -> new SdpNegotiator().answer(offer, LOCAL, 40000))
                .isInstanceOf(IncompatibleMediaException.class)
                .hasMessageContaining("codec we speak [PCMU/8000, PCMA/8000]")
                .satisfies(e -> assertThat(((SdpNegotiationException) e).sipStatusCode()).isEqualTo(488));
    }

    @Test
    void srtpOfferWithoutAKeyWeCanUseIsIncompatible() {
        String offer = SIPP_OFFER.replace("RTP/AVP", "RTP/SAVP");
        String mkiOnly = offer + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4\r\n";

        assertThatThrownBy(() -> new SdpNegotiator().answer(offer, LOCAL, 40000))
                .isInstanceOf(IncompatibleMediaException.class);
        assertThatThrownBy(() -> new SdpNegotiator().answer(mkiOnly, LOCAL, 40000))
                .isInstanceOf(IncompatibleMediaException.class);
    }

    /** baresip with mediaenc=srtp: RTP/SAVP, two suites, the 32-bit tag one preferred. */
    private static final String SRTP_OFFER = String.join("\r\n",
            "v=0",
            "o=- 1 2 IN IP4 10.0.0.2",
            "s=-",
            "c=IN IP4 10.0.0.2",
            "t=0 0",
            "m=audio 10018 RTP/SAVP 8 0 101",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=crypto:7 AES_256_CM_HMAC_SHA1_80 inline:" + "A".repeat(60),
            "a=crypto:3 AES_CM_128_HMAC_SHA1_32 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR",
            "a=crypto:4 AES_CM_128_HMAC_SHA1_80 inline:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk",
            "");

    @Test
    void anSrtpOfferIsAnsweredSrtpWithTheFirstSuiteWeSpeakUnderItsTagAndOurOwnKey() throws Exception {
        SdpNegotiator us = new SdpNegotiator();
        MediaAnswer answer = us.answer(SRTP_OFFER, LOCAL, 40000);

        assertThat(answer.sdp()).contains("m=audio 40000 RTP/SAVP 8 101");
        String crypto = answer.sdp().lines().filter(l -> l.startsWith("a=crypto:")).findFirst().orElseThrow();
        assertThat(crypto).startsWith("a=crypto:3 AES_CM_128_HMAC_SHA1_32 inline:")
                .doesNotContain("PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR");
        assertThat(answer.sdp().lines().filter(l -> l.startsWith("a=crypto:")).count()).isEqualTo(1);
        NegotiatedMedia media = answer.media();
        assertThat(media.secure()).isTrue();
        assertThat(media.srtp().remote().toAttributeValue())
                .isEqualTo("3 AES_CM_128_HMAC_SHA1_32 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR");
        assertThat("a=crypto:" + media.srtp().local().toAttributeValue()).isEqualTo(crypto);

        // A re-INVITE of the dialog keeps our key (the stream is not re-keyed by a hold).
        MediaAnswer again = us.answer(SRTP_OFFER.replace("a=rtpmap:8", "a=sendonly\r\na=rtpmap:8"), LOCAL, 40000);
        assertThat(again.media().srtp().local()).isEqualTo(media.srtp().local());
    }

    @Test
    void requiredSrtpRefusesPlainOffersAndOffersSrtpItself() throws Exception {
        SdpNegotiator strict = new SdpNegotiator(SrtpMode.REQUIRED);
        assertThatThrownBy(() -> strict.answer(SIPP_OFFER, LOCAL, 40000))
                .isInstanceOf(IncompatibleMediaException.class).hasMessageContaining("SRTP is required")
                .satisfies(e -> assertThat(((SdpNegotiationException) e).sipStatusCode()).isEqualTo(488));
        assertThat(strict.answer(SRTP_OFFER, LOCAL, 40000).media().secure()).isTrue();

        String offer = strict.offer(LOCAL, 41000);
        assertThat(offer).contains("m=audio 41000 RTP/SAVP 0 8 101").contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:");
        String plainAnswer = SIPP_OFFER;
        assertThatThrownBy(() -> strict.acceptAnswer(plainAnswer)).isInstanceOf(IncompatibleMediaException.class);
        String srtpAnswer = SIPP_OFFER.replace("RTP/AVP", "RTP/SAVP")
                + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk\r\n";
        NegotiatedMedia media = strict.acceptAnswer(srtpAnswer);
        assertThat(media.srtp().remote().tag()).isEqualTo(1);
        assertThat("a=crypto:" + media.srtp().local().toAttributeValue()).isIn(offer.lines().toList());
        String wrongTag = srtpAnswer.replace("a=crypto:1 ", "a=crypto:2 ");
        assertThatThrownBy(() -> strict.acceptAnswer(wrongTag)).isInstanceOf(IncompatibleMediaException.class);
    }

    @Test
    void aPlainOfferIsAnsweredPlainByDefault() throws Exception {
        MediaAnswer answer = new SdpNegotiator().answer(SIPP_OFFER, LOCAL, 40000);
        assertThat(answer.sdp()).contains("RTP/AVP").doesNotContain("a=crypto");
        assertThat(answer.media().secure()).isFalse();
        assertThat(new SdpNegotiator().offer(LOCAL, 41000)).contains("RTP/AVP").doesNotContain("a=crypto");
    }

    @Test
    void videoOnlyOfferIsIncompatible() {
        String offer = SIPP_OFFER.replace("m=audio 6000 RTP/AVP 0", "m=video 6000 RTP/AVP 96")
                .replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:96 H264/90000");

        assertThatThrownBy(() -> new SdpNegotiator().answer(offer, LOCAL, 40000))
                .isInstanceOf(IncompatibleMediaException.class);
    }

    @Test
    void limitedNegotiatorRefusesTheCodecItDoesNotSupport() {
        SdpNegotiator alawOnly = new SdpNegotiator(java.util.List.of(AudioCodec.PCMA));

        assertThatThrownBy(() -> alawOnly.answer(SIPP_OFFER, LOCAL, 40000))
                .isInstanceOf(IncompatibleMediaException.class);
    }

    @Test
    void junkIsMalformed() {
        assertMalformed("this is not SDP at all");
        assertMalformed("");
        assertMalformed(null);
    }

    @Test
    void sdpWithoutMediaIsMalformed() {
        assertMalformed("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n");
    }

    @Test
    void audioWithoutAnyConnectionLineIsMalformed() {
        assertMalformed(SIPP_OFFER.replace("c=IN IP4 127.0.1.1\r\n", ""));
    }

    @Test
    void invalidConnectionAddressIsMalformed() {
        assertMalformed(SIPP_OFFER.replace("c=IN IP4 127.0.1.1", "c=IN IP4 999.1.1.1"));
    }

    @Test
    void badPortIsMalformed() {
        assertMalformed(SIPP_OFFER.replace("m=audio 6000", "m=audio sixthousand"));
    }

    @Test
    void lateOfferListsOurCodecsAndTelephoneEvent() throws Exception {
        String offer = new SdpNegotiator().offer(LOCAL, 41000);

        assertThat(offer)
                .startsWith("v=0")
                .contains("c=IN IP4 127.0.0.1")
                .contains("m=audio 41000 RTP/AVP 0 8 101")
                .contains("a=rtpmap:0 PCMU/8000")
                .contains("a=rtpmap:8 PCMA/8000")
                .contains("a=rtpmap:101 telephone-event/8000")
                .contains("a=sendrecv");
        // Our own offer must be readable by a peer: answer it with a second negotiator.
        MediaAnswer peer = new SdpNegotiator().answer(offer, address("127.0.0.2"), 42000);
        assertThat(peer.media().remoteRtp()).isEqualTo(new InetSocketAddress(LOCAL, 41000));
        assertThat(peer.media().telephoneEvents()).hasValue(101);
    }

    @Test
    void answerToOurOfferGivesTheNegotiatedMedia() throws Exception {
        SdpNegotiator us = new SdpNegotiator();
        String offer = us.offer(LOCAL, 41000);
        String answer = new SdpNegotiator(java.util.List.of(AudioCodec.PCMA))
                .answer(offer, address("127.0.0.2"), 42000).sdp();

        NegotiatedMedia media = us.acceptAnswer(answer);

        assertThat(media.codec()).isEqualTo(AudioCodec.PCMA);
        assertThat(media.remoteRtp()).isEqualTo(new InetSocketAddress("127.0.0.2", 42000));
        assertThat(media.telephoneEvents()).hasValue(101);
        assertThat(media.direction()).isEqualTo(MediaDirection.SENDRECV);
    }

    @Test
    void answerRejectingAudioIsIncompatible() {
        SdpNegotiator us = new SdpNegotiator();
        us.offer(LOCAL, 41000);
        String rejected = SIPP_OFFER.replace("m=audio 6000", "m=audio 0");

        assertThatThrownBy(() -> us.acceptAnswer(rejected)).isInstanceOf(IncompatibleMediaException.class);
    }

    @Test
    void wildcardLocalAddressIsAProgrammingError() {
        assertThatThrownBy(() -> new SdpNegotiator().offer(address("0.0.0.0"), 41000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertMalformed(String sdp) {
        assertThatThrownBy(() -> new SdpNegotiator().answer(sdp, LOCAL, 40000))
                .isInstanceOf(MalformedSdpException.class)
                .satisfies(e -> assertThat(((SdpNegotiationException) e).sipStatusCode()).isEqualTo(400));
    }

    private static String originLine(String sdp) {
        return sdp.lines().filter(l -> l.startsWith("o=")).findFirst().orElseThrow();
    }

    private static final java.util.List<AudioCodec> ALL_CODECS =
            java.util.List.of(AudioCodec.PCMU, AudioCodec.PCMA, AudioCodec.G722, AudioCodec.OPUS);

    @Test
    void wideband_opusFirstInTheOfferIsAnsweredWithOpusAndItsOwnTelephoneEventClock() throws Exception {
        MediaAnswer answer = new SdpNegotiator(ALL_CODECS).answer(LINPHONE_OFFER, LOCAL, 40000);

        assertThat(answer.media().codec()).isEqualTo(AudioCodec.OPUS);
        assertThat(answer.media().payloadType()).isEqualTo(96);
        assertThat(answer.media().telephoneEventPayloadType()).as("telephone-event/48000").isEqualTo(99);
        assertThat(answer.sdp()).contains("m=audio 40000 RTP/AVP 96 99")
                .contains("a=rtpmap:96 opus/48000/2").contains("a=fmtp:96 maxplaybackrate=16000")
                .contains("a=rtpmap:99 telephone-event/48000").doesNotContain("G722").doesNotContain("PCMU");
    }

    @Test
    void wideband_theOfferersOrderDecidesBetweenG722AndG711() throws Exception {
        String g722First = BARESIP_OFFER.replace("m=audio 10018 RTP/AVP 0 8 101", "m=audio 10018 RTP/AVP 9 0 8 101");
        MediaAnswer answer = new SdpNegotiator(ALL_CODECS).answer(g722First, LOCAL, 40000);
        assertThat(answer.media().codec()).isEqualTo(AudioCodec.G722);
        assertThat(answer.media().telephoneEventPayloadType()).as("G.722's RTP clock is 8000").isEqualTo(101);
        assertThat(answer.sdp()).contains("a=rtpmap:9 G722/8000").contains("a=rtpmap:101 telephone-event/8000");

        String g711First = BARESIP_OFFER.replace("m=audio 10018 RTP/AVP 0 8 101", "m=audio 10018 RTP/AVP 0 9 101");
        assertThat(new SdpNegotiator(ALL_CODECS).answer(g711First, LOCAL, 40000).media().codec())
                .isEqualTo(AudioCodec.PCMU);
        assertThat(new SdpNegotiator().answer(g722First, LOCAL, 40000).media().codec())
                .as("a narrowband-only server skips G.722").isEqualTo(AudioCodec.PCMU);
    }

    @Test
    void wideband_opusWithOnlyNarrowbandTelephoneEventsGetsNoEvents() throws Exception {
        String offer = LINPHONE_OFFER.replace("96 97 98 8 0 18 101 99 100", "96 101");
        MediaAnswer answer = new SdpNegotiator(ALL_CODECS).answer(offer, LOCAL, 40000);
        assertThat(answer.media().codec()).isEqualTo(AudioCodec.OPUS);
        assertThat(answer.media().telephoneEvents()).as("RFC 4733: events run on the audio clock").isEmpty();
        assertThat(answer.sdp()).doesNotContain("telephone-event");
    }

    @Test
    void wideband_ourOfferListsEveryCodecAndAnEventTypePerClock() throws Exception {
        SdpNegotiator negotiator = new SdpNegotiator(ALL_CODECS);
        String offer = negotiator.offer(LOCAL, 40000);
        assertThat(offer).contains("m=audio 40000 RTP/AVP 0 8 9 111 101 110")
                .contains("a=rtpmap:9 G722/8000").contains("a=rtpmap:111 opus/48000/2")
                .contains("a=rtpmap:101 telephone-event/8000").contains("a=rtpmap:110 telephone-event/48000");

        String answer = String.join("\r\n", "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0",
                "m=audio 30000 RTP/AVP 111 110", "a=rtpmap:111 opus/48000/2", "a=rtpmap:110 telephone-event/48000", "");
        NegotiatedMedia media = negotiator.acceptAnswer(answer);
        assertThat(media.codec()).isEqualTo(AudioCodec.OPUS);
        assertThat(media.telephoneEventPayloadType()).isEqualTo(110);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
