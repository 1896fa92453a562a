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
import org.confbridge.media.codec.G711Codec;
import org.confbridge.media.mixer.MixKernel;
import org.confbridge.media.player.Clip;
import org.confbridge.media.player.PlayQueue;
import org.confbridge.media.sdp.AudioCodec;

/** A mixer room. Member list, sums and shared frames are mixer-thread state; the facade queues commands. */
final class MixRoom implements Room {
    private static final int N = AudioFrames.FRAME_SAMPLES;

    private final String id;
    private final DefaultMediaEngine engine;
    private volatile int size;
    private volatile boolean closed;

    // mixer
    final List<Leg> members = new ArrayList<>();
    final int[] sum = new int[N];
    private final PlayQueue player = new PlayQueue();
    private final short[] prompt = new short[N];
    boolean promptActive;
    Object promptExcept;
    private final short[] sharedPcm = new short[N];
    private boolean sharedPcmValid;
    private final byte[][] sharedEncoded = new byte[AudioCodec.values().length][N];
    private final boolean[] sharedEncodedValid = new boolean[AudioCodec.values().length];

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
    }

    /** One sum per tick: every contributing member once, plus the room's prompt. */
    void mix() {
        MixKernel.clear(sum, N);
        for (int i = 0, n = members.size(); i < n; i++) {
            Leg member = members.get(i);
            if (member.contributes) {
                MixKernel.accumulate(sum, member.says, N);
            }
        }
        promptActive = player.read(prompt);
        promptExcept = promptActive && player.current() != null ? player.current().except() : null;
        if (promptActive) {
            MixKernel.accumulate(sum, prompt, N);
        }
        sharedPcmValid = false;
        java.util.Arrays.fill(sharedEncodedValid, false);
    }

    /** The clipped sum, computed at most once per tick. */
    short[] sharedPcm() {
        if (!sharedPcmValid) {
            MixKernel.clipTo(sum, sharedPcm, N);
            sharedPcmValid = true;
        }
        return sharedPcm;
    }

    /** The clipped sum encoded for {@code codec}, at most once per codec per tick. */
    byte[] sharedEncoded(G711Codec codec) {
        int index = codec.codec().ordinal();
        if (!sharedEncodedValid[index]) {
            codec.encode(sharedPcm(), 0, N, sharedEncoded[index], 0);
            sharedEncodedValid[index] = true;
        }
        return sharedEncoded[index];
    }

    /** For the member a room prompt leaves out: the sum minus its own voice (if any) minus the prompt. */
    void mixExcluding(short[] own, short[] out) {
        for (int i = 0; i < N; i++) {
            int value = sum[i] - prompt[i] - (own == null ? 0 : own[i]);
            out[i] = AudioFrames.clip(value);
        }
    }
}
