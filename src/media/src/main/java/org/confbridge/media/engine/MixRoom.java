package org.confbridge.media.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.io.IOException;
import org.confbridge.media.JoinOptions;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.PlayRequest;
import org.confbridge.media.Playback;
import org.confbridge.media.PlaybackOutcome;
import org.confbridge.media.Room;
import org.confbridge.media.codec.AudioFrames;
import org.confbridge.media.codec.FrameEncoder;
import org.confbridge.media.mixer.MixKernel;
import org.confbridge.media.player.Clip;
import org.confbridge.media.player.PlayQueue;
import org.confbridge.media.sdp.AudioCodec;

/**
 * A mixer room. Member list, sums and shared frames are mixer-thread state; the facade queues commands.
 *
 * <p>The room mixes at 8 kHz while every member is narrowband and at 16 kHz while one is wideband (G.722, Opus):
 * nobody pays for wideband in a room of G.711 phones, and wideband phones hear each other in full.
 */
final class MixRoom implements Room {
    private static final int MAX = AudioFrames.MAX_FRAME_SAMPLES;

    /** One encoded frame shared by the silent listeners of one codec. */
    static final class Encoded {
        final byte[] data = new byte[org.confbridge.media.rtp.RtpPacket.MAX_PAYLOAD];
        int length;
        boolean valid;
        FrameEncoder encoder; // the room's own encoder for this codec (codecs with memory need one stream)
    }

    private final String id;
    private final DefaultMediaEngine engine;
    private volatile int size;
    private volatile boolean closed;

    // mixer
    final List<Leg> members = new ArrayList<>();
    int rate = AudioFrames.SAMPLE_RATE;
    private int frame = AudioFrames.FRAME_SAMPLES;
    final int[] sum = new int[MAX];
    private final PlayQueue player = new PlayQueue();
    private final short[] prompt = new short[MAX];
    boolean promptActive;
    Object promptExcept;
    private final short[] sharedPcm = new short[MAX];
    private boolean sharedPcmValid;
    private final short[] sharedNarrowband = new short[MAX];
    private boolean sharedNarrowbandValid;
    private LegCodecs.RateConverter down;
    private final Encoded[] sharedEncoded = new Encoded[AudioCodec.values().length];

    MixRoom(String id, DefaultMediaEngine engine) {
        this.id = id;
        this.engine = engine;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void join(MediaLeg leg, JoinOptions options) {
        Leg member = own(leg);
        Objects.requireNonNull(options, "options");
        engine.post(() -> {
            if (closed || member.isClosed()) {
                return;
            }
            if (member.room != null && member.room != this) {
                member.room.removeMember(member);
            }
            if (member.room != this) {
                members.add(member);
                member.room = this;
                updateRate();
            }
            member.muted = options.muted();
            member.hearsRoom = options.hearsRoom();
            size = members.size();
        });
    }

    @Override
    public void leave(MediaLeg leg) {
        Leg member = own(leg);
        engine.post(() -> {
            if (member.room == this) {
                removeMember(member);
            }
        });
    }

    @Override
    public void setMuted(MediaLeg leg, boolean muted) {
        Leg member = own(leg);
        engine.post(() -> {
            if (member.room == this) {
                member.muted = muted;
            }
        });
    }

    @Override
    public void setHearsRoom(MediaLeg leg, boolean hearsRoom) {
        Leg member = own(leg);
        engine.post(() -> {
            if (member.room == this) {
                member.hearsRoom = hearsRoom;
            }
        });
    }

    @Override
    public Playback playToAll(PlayRequest request) {
        return play(request, null);
    }

    @Override
    public Playback playToAllExcept(PlayRequest request, MediaLeg except) {
        return play(request, own(except));
    }

    private Playback play(PlayRequest request, Leg except) {
        List<Clip> clips;
        try {
            clips = engine.clips().load(request.items());
        } catch (IOException e) {
            return PlaybackHandle.ended(PlaybackOutcome.FAILED, engine.events());
        }
        PlaybackHandle handle = new PlaybackHandle(clips, request.loop(), except, engine.events());
        engine.post(() -> {
            if (closed) {
                handle.finished(PlaybackOutcome.CLOSED);
            } else {
                player.add(handle, request.interrupt());
            }
        });
        return handle;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.post(() -> {
            for (Leg member : new ArrayList<>(members)) {
                removeMember(member);
            }
            player.clear(PlaybackOutcome.CLOSED);
            engine.mixer().removeRoom(this);
        });
        engine.roomClosed(this);
    }

    private Leg own(MediaLeg leg) {
        if (!(leg instanceof Leg ours) || !ours.belongsTo(engine)) {
            throw new IllegalArgumentException("leg does not belong to this engine: " + leg);
        }
        return ours;
    }

    // ---- mixer thread ----

    void removeMember(Leg member) {
        members.remove(member);
        member.room = null;
        member.contributes = false;
        size = members.size();
        updateRate();
    }

    /** Mixer: 16 kHz while a member is wideband, else 8 kHz (re-checked on join, leave and codec change). */
    void updateRate() {
        int wanted = AudioFrames.SAMPLE_RATE;
        for (int i = 0, n = members.size(); i < n; i++) {
            if (members.get(i).rate() > wanted) {
                wanted = members.get(i).rate();
            }
        }
        if (wanted != rate) {
            rate = wanted;
            frame = AudioFrames.frameSamples(rate);
            for (int i = 0, n = members.size(); i < n; i++) {
                members.get(i).contributes = false; // their frames this tick were made for the old rate
            }
        }
    }

    /** One sum per tick: every contributing member once, plus the room's prompt. */
    void mix() {
        MixKernel.clear(sum, frame);
        for (int i = 0, n = members.size(); i < n; i++) {
            Leg member = members.get(i);
            if (member.contributes) {
                MixKernel.accumulate(sum, member.says, frame);
            }
        }
        promptActive = player.read(prompt, rate);
        promptExcept = promptActive && player.current() != null ? player.current().except() : null;
        if (promptActive) {
            MixKernel.accumulate(sum, prompt, frame);
        }
        sharedPcmValid = false;
        sharedNarrowbandValid = false;
        for (Encoded encoded : sharedEncoded) {
            if (encoded != null) {
                encoded.valid = false;
            }
        }
    }

    /** The clipped sum at {@code wantedRate} (the room's, or 8 kHz in a 16 kHz room), computed at most once per tick. */
    short[] sharedPcm(int wantedRate) {
        if (!sharedPcmValid) {
            MixKernel.clipTo(sum, sharedPcm, frame);
            sharedPcmValid = true;
        }
        if (wantedRate == rate) {
            return sharedPcm;
        }
        if (!sharedNarrowbandValid) {
            if (down == null) {
                down = LegCodecs.downsampler();
            }
            down.convert(sharedPcm, sharedNarrowband);
            sharedNarrowbandValid = true;
        }
        return sharedNarrowband;
    }

    /** The clipped sum encoded for {@code codec}, at most once per codec per tick. */
    Encoded sharedEncoded(AudioCodec codec) {
        int index = codec.ordinal();
        Encoded encoded = sharedEncoded[index];
        if (encoded == null) {
            encoded = new Encoded();
            encoded.encoder = LegCodecs.encoder(codec);
            sharedEncoded[index] = encoded;
        }
        if (!encoded.valid) {
            encoded.length = encoded.encoder.encode(sharedPcm(codec.pcmRate()), encoded.data);
            encoded.valid = true;
        }
        return encoded;
    }

    /** For the member a room prompt leaves out: the sum minus its own voice (if any) minus the prompt. */
    void mixExcluding(short[] own, short[] out) {
        for (int i = 0; i < frame; i++) {
            int value = sum[i] - prompt[i] - (own == null ? 0 : own[i]);
            out[i] = AudioFrames.clip(value);
        }
    }
}
