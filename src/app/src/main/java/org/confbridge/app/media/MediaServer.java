package org.confbridge.app.media;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.EJB;
import javax.ejb.LocalBean;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import org.confbridge.app.SoundService;
import org.confbridge.app.config.Settings;
import org.confbridge.media.sdp.AudioCodec;
import org.confbridge.media.sdp.SrtpMode;
import org.confbridge.media.MediaEngine;
import org.confbridge.media.MediaEngineConfig;
import org.confbridge.media.MediaException;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.MediaLegListener;
import org.confbridge.media.MediaStats;
import org.confbridge.media.Room;
import org.confbridge.media.engine.DefaultMediaEngine;

/**
 * The server's media engine: started with the application, stopped with it. The SIP adapter allocates
 * a leg per call here; the live registry creates a room per conference and resolves audio with
 * {@link #catalog()}. Bean-managed concurrency: the engine is thread-safe and nothing here waits.

 */
@Singleton
@Startup
@LocalBean
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // no database here: no JTA transaction per call's leg
public class MediaServer {

    private static final Logger LOG = Logger.getLogger(MediaServer.class.getName());

    @EJB
    private SoundService sounds;

    private MediaEngine engine;
    private SrtpMode srtpMode = SrtpMode.OPTIONAL;
    private List<AudioCodec> codecs = List.of(AudioCodec.PCMU, AudioCodec.PCMA, AudioCodec.G722, AudioCodec.OPUS);
    private AudioCatalog catalog;
    private final AtomicLong roomCounter = new AtomicLong();
    /** Legs not yet attached; weak, so a call that never joins (CANCEL) leaves nothing behind. */
    private final Map<MediaLeg, EarlyEvents> earlyEvents = new WeakHashMap<>();

    @PostConstruct
    void start() {
        MediaSettings settings = MediaSettings.fromSystemProperties();
        MediaEngineConfig config = MediaEngineConfig.defaults(settings.bindAddress())
                .withPorts(settings.rtpPortMin(), settings.rtpPortMax())
                .withMediaTimeout(settings.mediaTimeout())
                .withStrictRtpSource(flag("rtp.strict.source", Settings.current().string("rtp.strict.source", "true")))
                .withPortPerCall(flag("rtp.port.per.call", Settings.current().string("rtp.port.per.call", "true")));
        srtpMode = readSrtpMode();
        codecs = readCodecs();
        try {
            engine = DefaultMediaEngine.create(config);
        } catch (IOException e) {
            throw new IllegalStateException("the media engine cannot start: " + e.getMessage(), e);
        }
        engine.start();
        SoundService soundService = sounds;
        catalog = new AudioCatalog(soundService::playablePcm, new NameRecordings(settings.namesDir()));
        LOG.info(() -> "media engine started: RTP " + settings.bindAddress().getHostAddress() + " ports "
                + settings.rtpPortMin() + "-" + settings.rtpPortMax() + (config.portPerCall() ? " (one per call)" : "")
                + ", media timeout " + settings.mediaTimeout() + ", codecs " + codecs);
    }

    /**
     * {@code media.codecs}: the codecs we speak, in the order our offers (invitations) list them; answers follow
     * the caller's order among these. Default {@code PCMU,PCMA,G722,opus}: G.711 first, as trunks expect.
     */
    public List<AudioCodec> codecs() {
        return codecs;
    }

    private static List<AudioCodec> readCodecs() {
        String value = Settings.current().string("media.codecs", "PCMU,PCMA,G722,opus");
        List<AudioCodec> parsed = new java.util.ArrayList<>();
        try {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    AudioCodec codec = AudioCodec.parse(name);
                    if (!parsed.contains(codec)) {
                        parsed.add(codec);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CONF_MEDIA_CODECS (media.codecs): " + e.getMessage(), e);
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("CONF_MEDIA_CODECS (media.codecs) names no codec: '" + value + "'");
        }
        return List.copyOf(parsed);
    }

    /**
     * A true/false setting: {@code rtp.strict.source} (default true: a leg latches onto a new media source
     * only from the caller's signalling address; "false" lets any source that sends first win, trusted
     * networks only), {@code rtp.port.per.call} (default false: calls share their I/O loop's port).
     */
    private static boolean flag(String key, String value) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("CONF_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_')
                    + " (" + key + ") must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /**
     * {@code rtp.srtp}: {@code optional} (default) answers SRTP offers with SRTP and plain ones plain;
     * {@code required} refuses plain RTP (488) and makes our own offers (invitations) SRTP.
     */
    public SrtpMode srtpMode() {
        return srtpMode;
    }

    private static SrtpMode readSrtpMode() {
        String value = Settings.current().string("rtp.srtp", "optional");
        try {
            return SrtpMode.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CONF_RTP_SRTP (rtp.srtp) must be optional or required, got '" + value
                    + "'");
        }
    }

    @PreDestroy
    void stop() {
        engine.close();
    }

    /**
     * A new RTP leg for a call (its port goes into the SDP answer). Its events are kept until
     * {@link #attach} names who hears them, so no key pressed right after the answer is lost.
     */
    public MediaLeg allocateLeg() throws MediaException {
        MediaLeg leg = engine.allocateLeg();
        EarlyEvents early = new EarlyEvents();
        leg.setListener(early);
        synchronized (earlyEvents) {
            earlyEvents.put(leg, early);
        }
        return leg;
    }

    /** The call joined its conference: the leg's events (and those kept so far) go to {@code listener}. */
    public void attach(MediaLeg leg, MediaLegListener listener) {
        EarlyEvents early;
        synchronized (earlyEvents) {
            early = earlyEvents.remove(leg);
        }
        if (early != null) {
            early.attach(listener);
        } else {
            leg.setListener(listener);
        }
    }

    /** A new mixing room for a conference that starts. */
    public Room createRoom(long extensionId) {
        return engine.createRoom("conference-" + extensionId + "-" + roomCounter.incrementAndGet());
    }

    public AudioCatalog catalog() {
        return catalog;
    }

    public MediaStats stats() {
        return engine.stats();
    }
}
