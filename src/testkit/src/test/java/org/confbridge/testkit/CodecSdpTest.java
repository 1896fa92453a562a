package org.confbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.confbridge.testkit.rtp.AudioEncoding;
import org.junit.jupiter.api.Test;

/** The wideband formats in SDP: rtpmap and fmtp lines, matching the peer's formats, telephone-event per clock. */
class CodecSdpTest {

    @Test
    void theWidebandFormatsAsSdpWritesThem() {
        assertThat(Codec.G722.rtpmap()).isEqualTo("9 G722/8000");
        assertThat(Codec.OPUS.rtpmap()).isEqualTo("111 opus/48000/2");
        assertThat(Codec.G722.encoding()).isEqualTo(AudioEncoding.G722);
        assertThat(Codec.OPUS.encoding()).isEqualTo(AudioEncoding.OPUS);
        assertThat(Codec.of(96, "OPUS", 48000).encoding()).isEqualTo(AudioEncoding.OPUS);
        assertThat(Codec.of(18, "G729", 8000).isUsable()).isFalse();
        assertThatThrownBy(() -> Codec.of(9, "G729", 8000)).hasMessageContaining("G.722");
        String sdp = Sdp.build("127.0.0.1", 4000, List.of(Codec.OPUS, Codec.G722),
                Sdp.eventFormatsFor(List.of(Codec.OPUS, Codec.G722), 101), MediaDirection.SENDRECV, 1, 1, null);
        assertThat(sdp).contains("m=audio 4000 RTP/AVP 111 9 101 110", "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 useinbandfec=0; maxplaybackrate=16000; sprop-maxcapturerate=16000", "a=rtpmap:9 G722/8000",
                "a=rtpmap:101 telephone-event/48000", "a=rtpmap:110 telephone-event/8000");
    }

    @Test
    void theFirstOfThePeersFormatsWeCanUseIsTakenUnderThePeersNumber() {
        String offer = Sdp.build("127.0.0.1", 4000, List.of(Codec.of(18, "G729", 8000), Codec.of(100, "opus", 48000),
                Codec.PCMU), Sdp.eventFormatsFor(List.of(Codec.PCMU, Codec.OPUS), 101), MediaDirection.SENDRECV, 1, 1, null);
        Sdp.RemoteMedia remote = Sdp.parse(offer);
        Codec chosen = remote.firstCommon(List.of(Codec.PCMU, Codec.OPUS));
        assertThat(chosen.payloadType()).isEqualTo(100);
        assertThat(chosen.encoding()).isEqualTo(AudioEncoding.OPUS);
        assertThat(remote.telephoneEventFor(48000)).isEqualTo(110);
        assertThat(remote.telephoneEventFor(8000)).isEqualTo(101);
        assertThat(remote.telephoneEventFor(16000)).isEqualTo(-1);
        assertThat(remote.firstCommon(List.of(Codec.G722))).isNull();
    }

    @Test
    void g711OffersAreWrittenAsBefore() {
        String sdp = Sdp.build("127.0.0.1", 4000, List.of(Codec.PCMU, Codec.PCMA),
                Sdp.eventFormatsFor(List.of(Codec.PCMU, Codec.PCMA), 101), MediaDirection.SENDRECV, 1, 1, null);
        String old = Sdp.build("127.0.0.1", 4000, List.of(Codec.PCMU, Codec.PCMA), 101, MediaDirection.SENDRECV, 1, 1);
        assertThat(sdp).isEqualTo(old).contains("m=audio 4000 RTP/AVP 0 8 101", "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16");
    }
}
