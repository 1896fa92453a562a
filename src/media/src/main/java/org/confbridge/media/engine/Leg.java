package org.confbridge.media.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.MediaLegListener;
import org.confbridge.media.MediaLegStats;
import org.confbridge.media.PlayRequest;
import org.confbridge.media.Playback;
import org.confbridge.media.PlaybackOutcome;
import org.confbridge.media.Recording;
import org.confbridge.media.RecordingEnd;
import org.confbridge.media.RecordingOptions;
import org.confbridge.media.RecordingResult;
import org.confbridge.media.codec.AudioFrames;
import org.confbridge.media.codec.G711Codec;
import org.confbridge.media.dtmf.DigitListener;
import org.confbridge.media.dtmf.DtmfDigits;
import org.confbridge.media.dtmf.InbandDtmfDetector;
import org.confbridge.media.dtmf.TelephoneEventSender;
import org.confbridge.media.mixer.MixKernel;
import org.confbridge.media.mixer.TalkDetector;
import org.confbridge.media.player.Clip;
import org.confbridge.media.player.PlayQueue;
import org.confbridge.media.record.LegRecorder;
import org.confbridge.media.rtp.InboundQueue;
import org.confbridge.media.rtp.JitterBuffer;
import org.confbridge.media.rtp.RtpDropReason;
import org.confbridge.media.rtp.RtpSession;
import org.confbridge.media.sdp.MediaDirection;
import org.confbridge.media.sdp.NegotiatedMedia;

/**
 * One participant's media. Fields marked "mixer" are touched only on the mixer thread; facade
 * methods queue commands. {@link #onDigitReceived} runs on the receive thread (RFC 4733) or the
 * mixer thread (in-band).
 */
final class Leg implements MediaLeg {
    private static final Logger LOG = Logger.getLogger(Leg.class.getName());
    private static final int N = AudioFrames.FRAME_SAMPLES;
    private static final MediaLegListener NO_LISTENER = new MediaLegListener() { };

    /** Opens the RTP session once the leg exists (the session reports digits to the leg). */
    @FunctionalInterface
    interface SessionFactory {
        RtpSession open(DigitListener digits) throws IOException;
    }

    private final DefaultMediaEngine engine;
    final RtpSession session;
    private volatile MediaLegListener listener = NO_LISTENER;
    private volatile boolean closed;
    private volatile boolean hashEndsRecording;

    // mixer
    private final JitterBuffer jitter;
    private final TalkDetector talk;
    private final InbandDtmfDetector inband;
    private final TelephoneEventSender dtmfSender = new TelephoneEventSender();
    final PlayQueue player = new PlayQueue();
    final short[] says = new short[N];
    private final short[] hears = new short[N];
    private final short[] personal = new short[N];
    private final byte[] encoded = new byte[N];
    private LegRecorder recorder;
    private RecordingHandle recordingHandle;
    MixRoom room;
    boolean muted;
    boolean hearsRoom = true;
    boolean contributes;
    private boolean timeoutReported;

    Leg(DefaultMediaEngine engine, SessionFactory sessions) throws IOException {
        this.engine = engine;
        var config = engine.config();
        this.jitter = new JitterBuffer(config.jitterDepthFrames());
        this.talk = new TalkDetector(config.talkEnergyThreshold(),
                (int) Math.max(1, config.talkHangTime().toMillis() / AudioFrames.FRAME_MILLIS));
        this.inband = config.inbandDtmf() ? new InbandDtmfDetector(this::onDigitReceived) : null;
        this.session = sessions.open(this::onDigitReceived);
    }

    // ---- facade (any thread) ----

    @Override
    public int localPort() {
        return session.localPort();
    }

    @Override
    public void update(NegotiatedMedia media) {
        Objects.requireNonNull(media, "media");
        session.update(media);
        engine.post(() -> timeoutReported = false);
    }

    @Override
    public void setSignallingAddress(java.net.InetAddress address) {
        session.setSignallingAddress(address);
    }

    @Override
    public Playback play(PlayRequest request) {
        List<Clip> clips;
        try {
            clips = engine.clips().load(request.items());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot play {0}: {1}", new Object[] {request.items(), e.getMessage()});
            return PlaybackHandle.ended(PlaybackOutcome.FAILED, engine.events());
        }
        PlaybackHandle handle = new PlaybackHandle(clips, request.loop(), null, engine.events());
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
    public void stopPlayback() {
        engine.post(() -> player.clear(PlaybackOutcome.STOPPED));
    }

    @Override
    public Recording record(Path file, RecordingOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        RecordingHandle handle = new RecordingHandle(this);
        if (options.endOnHash()) {
            hashEndsRecording = true; // before any '#' can race past the queued start
        }
        engine.post(() -> startRecording(handle, file, options));
        return handle;
    }

    @Override
    public void sendDigits(String keys) {
        for (char key : keys.toCharArray()) {
            if (DtmfDigits.eventFor(key) < 0) {
                throw new IllegalArgumentException("not a DTMF key: '" + key + "'");
            }
        }
        engine.post(() -> dtmfSender.enqueue(keys));
    }

    @Override
    public void setListener(MediaLegListener newListener) {
        this.listener = newListener == null ? NO_LISTENER : newListener;
    }

    @Override
    public MediaLegStats stats() {
        var counters = session.counters();
        Map<String, Long> dropped = new HashMap<>();
        for (Map.Entry<RtpDropReason, Long> entry : counters.droppedByReason().entrySet()) {
            dropped.put(entry.getKey().name(), entry.getValue());
        }
        // Jitter figures are written by the mixer thread; a slightly stale read is fine for statistics.
        return new MediaLegStats(counters.received(), counters.sent(), dropped, jitter.concealedFrames(),
                jitter.latePackets());
    }

    /** Frames concealed so far (written by the mixer; a slightly stale read is fine for statistics). */
    long concealedFrames() {
        return jitter.concealedFrames();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.post(() -> engine.mixer().removeLeg(this));
        session.close();
        engine.legClosed(this);
    }

    boolean belongsTo(DefaultMediaEngine candidate) {
        return engine == candidate;
    }

    boolean isClosed() {
        return closed;
    }

    // ---- receive thread or mixer ----

    private void onDigitReceived(char digit) {
        if (digit == '#' && hashEndsRecording) {
            engine.post(() -> endRecording(recordingHandle, RecordingEnd.HASH));
            return;
        }
        MediaLegListener target = listener;
        engine.fire(() -> target.onDigit(digit));
    }

    // ---- mixer thread ----

    /** Reads this tick's incoming frame into {@link #says}; runs talk and in-band DTMF detection. */
    void pullInput() {
        InboundQueue inbound = session.inbound();
        InboundQueue.Slot slot;
        while ((slot = inbound.poll()) != null) {
            jitter.put(slot.payload(), slot.length(), slot.timestamp(), slot.ssrc(), G711Codec.of(slot.codec()));
            inbound.release();
        }
        boolean heard = jitter.read(says) != JitterBuffer.FrameKind.SILENCE;
        boolean changed = heard ? talk.onFrame(says, N) : talk.onSilence();
        if (changed) {
            boolean talking = talk.talking();
            MediaLegListener target = listener;
            engine.fire(() -> target.onTalking(talking));
        }
        if (inband != null && heard) {
            inband.onFrame(says);
        }
        // Only talkers enter the sum: a member whose line carries just background noise adds
        // nothing (no noise build-up in big rooms) and hears the shared frame, encoded once.
        // The talk detector's hang time keeps word gaps and trailing syllables in.
        contributes = heard && room != null && !muted && talk.talking();
    }

    /** Builds what this participant hears this tick and sends it. */
    void deliver() {
        NegotiatedMedia media = session.media();
        if (media == null) {
            return;
        }
        G711Codec codec = G711Codec.of(media.codec());
        boolean personalActive = player.read(personal);
        short[] heard;
        byte[] payload;
        MixRoom current = room;
        if (current != null && hearsRoom) {
            boolean excluded = current.promptActive && current.promptExcept == this;
            if (!contributes && !personalActive && !excluded) {
                heard = current.sharedPcm();            // same frame for every silent listener:
                payload = current.sharedEncoded(codec); // clipped and encoded once per codec per room
            } else {
                if (excluded) {
                    current.mixExcluding(contributes ? says : null, hears);
                } else if (contributes) {
                    MixKernel.mixMinus(current.sum, says, hears, N);
                } else {
                    MixKernel.clipTo(current.sum, hears, N);
                }
                if (personalActive) {
                    MixKernel.addInto(hears, personal, N);
                }
                codec.encode(hears, 0, N, encoded, 0);
                heard = hears;
                payload = encoded;
            }
        } else if (personalActive) {
            codec.encode(personal, 0, N, encoded, 0);
            heard = personal;
            payload = encoded;
        } else {
            heard = engine.silentFrame();
            payload = engine.silencePayload(codec);
        }
        if (recorder != null) {
            RecordingEnd end = recorder.onFrame(says, heard);
            if (end != null) {
                endRecording(recordingHandle, end);
            }
        }
        TelephoneEventSender.EventPacket event = dtmfSender.busy()
                ? dtmfSender.nextPacket(session.nextTimestamp(), N) : null;
        if (event != null) {
            session.sendEvent(event.payload(), event.payload().length, event.timestamp(), event.marker(), N);
        } else {
            session.sendAudio(payload, N);
        }
    }

    /** Reports a media timeout once per silence on a sendrecv leg (hold and inactive streams are quiet by design). */
    void checkMediaTimeout(long nowNanos, long timeoutNanos) {
        NegotiatedMedia media = session.media();
        if (timeoutNanos <= 0 || media == null || media.direction() != MediaDirection.SENDRECV) {
            return;
        }
        if (nowNanos - session.lastReceivedNanos() > timeoutNanos) {
            if (!timeoutReported) {
                timeoutReported = true;
                MediaLegListener target = listener;
                engine.fire(target::onMediaTimeout);
            }
        } else {
            timeoutReported = false;
        }
    }

    private void startRecording(RecordingHandle handle, Path file, RecordingOptions options) {
        if (closed) {
            handle.complete(new RecordingResult(file, java.time.Duration.ZERO, RecordingEnd.LEG_CLOSED, false));
            return;
        }
        if (recorder != null) {
            endRecording(recordingHandle, RecordingEnd.STOPPED); // one recording per leg
        }
        hashEndsRecording = options.endOnHash();
        recordingHandle = handle;
        recorder = new LegRecorder(file, options, engine.config().talkEnergyThreshold(), engine.io(),
                result -> engine.fire(() -> handle.complete(result)));
    }

    void endRecordingLater(RecordingHandle handle, RecordingEnd end) {
        engine.post(() -> endRecording(handle, end));
    }

    private void endRecording(RecordingHandle handle, RecordingEnd end) {
        if (recorder == null || handle != recordingHandle) {
            return; // already ended (e.g. '#' and max length in the same tick)
        }
        recorder.finish(end);
        recorder = null;
        recordingHandle = null;
        hashEndsRecording = false;
    }

    /** Mixer: the leg is gone; end everything it owns. */
    void closeOnMixer() {
        if (room != null) {
            room.removeMember(this);
        }
        player.clear(PlaybackOutcome.CLOSED);
        endRecording(recordingHandle, RecordingEnd.LEG_CLOSED);
    }
}
