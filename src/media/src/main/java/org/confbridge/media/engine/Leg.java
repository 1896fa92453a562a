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
import org.confbridge.media.codec.FrameDecoder;
import org.confbridge.media.codec.FrameEncoder;
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
import org.confbridge.media.sdp.AudioCodec;
import org.confbridge.media.sdp.MediaDirection;
import org.confbridge.media.sdp.NegotiatedMedia;

/**
 * One participant's media. Fields marked "mixer" are touched only on the mixer thread; facade
 * methods queue commands. {@link #onDigitReceived} runs on the receive thread (RFC 4733) or the
 * mixer thread (in-band).
 *
 * <p>Rates: the leg decodes and encodes at its codec's rate (8 kHz G.711, 16 kHz G.722 and Opus); its room mixes
 * at 16 kHz as soon as one member is wideband. A narrowband member of a wideband room is converted up on the way
 * in and filtered down on the way out, once per tick, with its own filter state.
 */
final class Leg implements MediaLeg {
    private static final Logger LOG = Logger.getLogger(Leg.class.getName());
    private static final int MAX = AudioFrames.MAX_FRAME_SAMPLES;
    /** Longest packet we decode: 120 ms at 16 kHz. */
    private static final int MAX_DECODED = AudioFrames.WIDEBAND_SAMPLE_RATE * 120 / 1000;
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
    private final int jitterDepthFrames;
    private JitterBuffer jitter;
    private final TalkDetector talk;
    private final InbandDtmfDetector inband;
    private final TelephoneEventSender dtmfSender = new TelephoneEventSender();
    final PlayQueue player = new PlayQueue();
    private AudioCodec codec;                 // what the frames below are in; null before the first SDP
    private int rate = AudioFrames.SAMPLE_RATE;
    private int frame = AudioFrames.FRAME_SAMPLES;
    private FrameEncoder encoder;
    private final Map<AudioCodec, FrameDecoder> decoders = new java.util.EnumMap<>(AudioCodec.class);
    private final short[] decoded = new short[MAX_DECODED];
    private final StreamTimeline timeline = new StreamTimeline();
    private LegCodecs.RateConverter up;       // 8 kHz leg in a 16 kHz room: its voice, up
    private LegCodecs.RateConverter down;     // ... and what it hears, down
    private final short[] own = new short[MAX];       // what it said this tick, at its own rate
    private final short[] ownUp = new short[MAX];     // the same at the room's rate, when that differs
    short[] says = own;                               // what it said at its room's rate (mixer reads it)
    private final short[] hears = new short[MAX];     // at the room's rate
    private final short[] hearsOwnRate = new short[MAX];
    private final short[] personal = new short[MAX];
    private static final short[] SILENCE = new short[MAX]; // read only: one for every leg
    private final byte[] encoded = new byte[org.confbridge.media.rtp.RtpPacket.MAX_PAYLOAD];
    private int recorderRate;
    private PendingRecording pendingRecording;
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
        this.jitterDepthFrames = config.jitterDepthFrames();
        this.jitter = new JitterBuffer(jitterDepthFrames);
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
        engine.post(() -> {
            timeoutReported = false;
            followCodec();
        });
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

    /** Mixer: adopts the negotiated codec (first answer, or a re-INVITE that changed it): coder state and rate. */
    private void followCodec() {
        NegotiatedMedia media = session.media();
        if (media == null || media.codec() == codec) {
            return;
        }
        codec = media.codec();
        encoder = LegCodecs.encoder(codec);
        decoders.clear();
        if (codec.pcmRate() != rate) {
            rate = codec.pcmRate();
            frame = AudioFrames.frameSamples(rate);
            jitter = new JitterBuffer(jitterDepthFrames, frame);
            up = null;
            down = null;
            if (recorder != null && recorderRate != rate) {
                endRecording(recordingHandle, RecordingEnd.STOPPED); // a recording keeps one rate
            }
            if (room != null) {
                room.updateRate();
            }
        }
        if (pendingRecording != null) {
            createRecorder(pendingRecording.file(), pendingRecording.options());
            pendingRecording = null;
        }
    }

    /** This leg's own rate (its codec's). */
    int rate() {
        return rate;
    }

    /** Mixer: the clock jumped {@code ticks} ticks (a stall); the RTP clock follows. */
    void skipTicks(long ticks) {
        int perFrame = codec == null ? AudioFrames.FRAME_SAMPLES : codec.rtpTicksPerFrame();
        session.skip((int) Math.min(Integer.MAX_VALUE / 2, ticks * perFrame));
    }

    /** Reads this tick's incoming frame into {@link #says}; runs talk and in-band DTMF detection. */
    void pullInput() {
        followCodec();
        InboundQueue inbound = session.inbound();
        InboundQueue.Slot slot;
        while ((slot = inbound.poll()) != null) {
            AudioCodec slotCodec = slot.codec();
            if (slotCodec != null && slotCodec.pcmRate() == rate) {
                FrameDecoder decoder = decoders.computeIfAbsent(slotCodec, LegCodecs::decoder);
                int samples = decoder.decode(slot.payload(), 0, slot.length(), decoded);
                if (samples > 0) {
                    jitter.put(decoded, samples, timeline.position(slot.timestamp(), slotCodec.rtpClockRate(), rate),
                            slot.ssrc());
                }
            }
            inbound.release();
        }
        boolean heard = jitter.read(own) != JitterBuffer.FrameKind.SILENCE;
        boolean changed = heard ? talk.onFrame(own, frame) : talk.onSilence();
        if (changed) {
            boolean talking = talk.talking();
            MediaLegListener target = listener;
            engine.fire(() -> target.onTalking(talking));
        }
        if (inband != null && heard && rate == AudioFrames.SAMPLE_RATE) {
            inband.onFrame(own); // wideband phones send keys as RFC 4733 events
        }
        MixRoom current = room;
        says = own;
        if (heard && current != null && current.rate != rate) {
            if (up == null) {
                up = LegCodecs.upsampler();
            }
            up.convert(own, ownUp);
            says = ownUp;
        }
        // Only talkers enter the sum: a member whose line carries just background noise adds
        // nothing (no noise build-up in big rooms) and hears the shared frame, encoded once.
        // The talk detector's hang time keeps word gaps and trailing syllables in.
        contributes = heard && current != null && !muted && talk.talking();
    }

    /** Builds what this participant hears this tick and sends it. */
    void deliver() {
        NegotiatedMedia media = session.media();
        if (media == null || encoder == null) {
            return;
        }
        MixRoom current = room;
        boolean inRoom = current != null && hearsRoom;
        int mixRate = inRoom ? current.rate : rate;
        int mixFrame = AudioFrames.frameSamples(mixRate);
        boolean personalActive = player.read(personal, mixRate);
        short[] heard;
        byte[] payload;
        int payloadLength;
        if (inRoom) {
            boolean excluded = current.promptActive && current.promptExcept == this;
            if (!contributes && !personalActive && !excluded) {
                heard = current.sharedPcm(rate);                 // same frame for every silent listener:
                MixRoom.Encoded shared = current.sharedEncoded(codec); // clipped and encoded once per codec per room
                payload = shared.data;
                payloadLength = shared.length;
            } else {
                if (excluded) {
                    current.mixExcluding(contributes ? says : null, hears);
                } else if (contributes) {
                    MixKernel.mixMinus(current.sum, says, hears, mixFrame);
                } else {
                    MixKernel.clipTo(current.sum, hears, mixFrame);
                }
                if (personalActive) {
                    MixKernel.addInto(hears, personal, mixFrame);
                }
                heard = hears;
                if (mixRate != rate) {
                    if (down == null) {
                        down = LegCodecs.downsampler();
                    }
                    down.convert(hears, hearsOwnRate);
                    heard = hearsOwnRate;
                }
                payloadLength = encoder.encode(heard, encoded);
                payload = encoded;
            }
        } else if (personalActive) {
            payloadLength = encoder.encode(personal, encoded);
            heard = personal;
            payload = encoded;
        } else {
            heard = SILENCE;
            if (LegCodecs.stateless(codec)) {
                payload = engine.silencePayload(codec);
                payloadLength = frame;
            } else {
                payloadLength = encoder.encode(SILENCE, encoded);
                payload = encoded;
            }
        }
        if (recorder != null) {
            RecordingEnd end = recorder.onFrame(own, heard);
            if (end != null) {
                endRecording(recordingHandle, end);
            }
        }
        int ticks = codec.rtpTicksPerFrame();
        TelephoneEventSender.EventPacket event = dtmfSender.busy()
                ? dtmfSender.nextPacket(session.nextTimestamp(), ticks) : null;
        if (event != null) {
            session.sendEvent(event.payload(), event.payload().length, event.timestamp(), event.marker(), ticks);
        } else if (payloadLength > 0) {
            session.sendAudio(payload, payloadLength, ticks);
        } else {
            session.skip(ticks); // the encoder refused the frame: a gap, not a broken packet
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
        if (recorder != null || pendingRecording != null) {
            endRecording(recordingHandle, RecordingEnd.STOPPED); // one recording per leg
        }
        hashEndsRecording = options.endOnHash();
        recordingHandle = handle;
        if (codec == null) {
            // No SDP yet (an invitation recorded from the start): the file gets the rate of the codec it answers in.
            pendingRecording = new PendingRecording(file, options);
            return;
        }
        createRecorder(file, options);
    }

    /** A recording asked for before the leg had a codec. */
    private record PendingRecording(Path file, RecordingOptions options) {
    }

    private void createRecorder(Path file, RecordingOptions options) {
        RecordingHandle handle = recordingHandle;
        recorderRate = rate;
        recorder = new LegRecorder(file, options, rate, engine.config().talkEnergyThreshold(), engine.io(),
                result -> engine.fire(() -> handle.complete(result)));
    }

    void endRecordingLater(RecordingHandle handle, RecordingEnd end) {
        engine.post(() -> endRecording(handle, end));
    }

    private void endRecording(RecordingHandle handle, RecordingEnd end) {
        if (recorder == null && pendingRecording != null && handle == recordingHandle) {
            createRecorder(pendingRecording.file(), pendingRecording.options()); // ends empty, but as a valid file
            pendingRecording = null;
        }
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
