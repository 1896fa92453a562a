package org.confbridge.app;

import java.time.Instant;
import java.util.List;
import javax.ejb.EJB;
import javax.ejb.Stateless;
import javax.interceptor.Interceptors;
import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import javax.persistence.PersistenceContext;
import org.confbridge.app.audio.TelephonyPcm;
import org.confbridge.app.audio.UnsupportedAudioException;
import org.confbridge.app.media.AudioCatalog;
import org.confbridge.infrastructure.persistence.ConferencePropertiesEntity;
import org.confbridge.infrastructure.persistence.SoundAudioEntity;
import org.confbridge.infrastructure.persistence.SoundEntity;

/**
 * Sound files of a client. Each upload is converted once, here, to 8 kHz (16 kHz from wideband sources) mono 16-bit PCM for the
 * media engine; the original is kept for download. A sound a conference uses cannot be deleted (409).
 * Deleting a sound and pointing a conference at it exclude each other: both take the sound's row lock
 * (see ConferencePropertiesStore), so a conference never ends up pointing at a deleted sound.
 */
@Stateless
@Interceptors(DataStoreInterceptor.class)
public class SoundService {

    /** Largest upload accepted (10 MB), checked by the REST layer too so it can answer 413 early. */
    public static final int MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
    public static final int MAX_TITLE_LENGTH = 200;

    @PersistenceContext(unitName = "confbridge")
    private EntityManager em;

    @EJB
    private DataStoreGuard storage;

    private final TelephonyPcm converter = new TelephonyPcm();

    public List<SoundView> list(ApiCaller caller, long clientId) {
        caller.requireAccessTo(clientId);
        return em.createNamedQuery(SoundEntity.BY_CLIENT, SoundEntity.class)
                .setParameter("clientId", clientId)
                .getResultList().stream().map(SoundService::view).toList();
    }

    public SoundView get(ApiCaller caller, long clientId, long soundId) {
        return view(find(caller, clientId, soundId));
    }

    @WritesData
    public SoundView upload(ApiCaller caller, long clientId, String title, String filename, byte[] data) {
        caller.requireAccessTo(clientId);
        requireTitle(title);
        TelephonyPcm.Converted converted = convert(data);
        storage.requireWritable((long) data.length + converted.pcm().length);
        Instant now = Instant.now();
        SoundEntity sound = new SoundEntity(clientId, title, now);
        sound.describeAudio(PlainText.sanitized(filename), converted.format(), data.length, converted.durationMs(), now);
        em.persist(sound);
        em.flush();
        em.persist(new SoundAudioEntity(sound.getId(), data, converted.pcm(), converted.sampleRate()));
        return view(sound);
    }

    /** Replaces the audio of an existing sound (and the title when one is given). */
    @WritesData
    public SoundView replaceAudio(ApiCaller caller, long clientId, long soundId, String title, String filename,
                                  byte[] data) {
        SoundEntity sound = find(caller, clientId, soundId);
        if (title != null) {
            requireTitle(title);
            sound.rename(title, Instant.now());
        }
        TelephonyPcm.Converted converted = convert(data);
        storage.requireWritable((long) data.length + converted.pcm().length);
        sound.describeAudio(PlainText.sanitized(filename), converted.format(), data.length, converted.durationMs(),
                Instant.now());
        em.find(SoundAudioEntity.class, soundId).replace(data, converted.pcm(), converted.sampleRate());
        em.flush();
        return view(sound);
    }

    @WritesData
    public SoundView rename(ApiCaller caller, long clientId, long soundId, String title) {
        SoundEntity sound = find(caller, clientId, soundId);
        requireTitle(title);
        sound.rename(title, Instant.now());
        em.flush();
        return view(sound);
    }

    @WritesData
    public void delete(ApiCaller caller, long clientId, long soundId) {
        caller.requireAccessTo(clientId);
        // Row lock first: a concurrent PUT that points a conference at this sound holds it too, so the
        // count below sees that PUT's result (409) or the PUT sees the sound gone (400).
        SoundEntity sound = em.find(SoundEntity.class, soundId, LockModeType.PESSIMISTIC_WRITE);
        if (sound == null || sound.getClientId() != clientId) {
            throw new ResourceNotFoundException("sound", soundId);
        }
        long users = em.createNamedQuery(ConferencePropertiesEntity.COUNT_USING_SOUND, Long.class)
                .setParameter("soundId", soundId).getSingleResult();
        if (users > 0) {
            throw new ResourceConflictException("sound " + soundId + " is used by " + users
                    + " conference(s) as enter_sound or music_on_hold_sound; change them first");
        }
        SoundAudioEntity audio = em.find(SoundAudioEntity.class, soundId);
        if (audio != null) {
            em.remove(audio);
        }
        em.remove(sound);
    }

    /** The original upload as received. */
    public SoundFile original(ApiCaller caller, long clientId, long soundId) {
        SoundEntity sound = find(caller, clientId, soundId);
        byte[] data = em.find(SoundAudioEntity.class, soundId).getOriginalData();
        String type = "mp3".equals(sound.getOriginalFormat()) ? "audio/mpeg" : "audio/wav";
        String name = sound.getOriginalFilename() != null ? sound.getOriginalFilename()
                : "sound-" + soundId + "." + sound.getOriginalFormat();
        return new SoundFile(name, type, data);
    }

    /** The converted audio (8 or 16 kHz mono 16-bit) as a WAV file. */
    public SoundFile converted(ApiCaller caller, long clientId, long soundId) {
        find(caller, clientId, soundId);
        SoundAudioEntity audio = em.find(SoundAudioEntity.class, soundId);
        int rate = audio.getPcmRate();
        return new SoundFile("sound-" + soundId + "-" + rate / 1000 + "k.wav", "audio/wav",
                TelephonyPcm.toWav(audio.getPcmData(), rate));
    }

    /**
     * For the media side: the converted PCM (8 or 16 kHz mono 16-bit little-endian, no header) of a sound of
     * this client, or null when it does not exist (then the built-in sound plays).
     */
    public AudioCatalog.StoredPcm playablePcm(long clientId, long soundId) {
        SoundEntity sound = em.find(SoundEntity.class, soundId);
        if (sound == null || sound.getClientId() != clientId) {
            return null;
        }
        SoundAudioEntity audio = em.find(SoundAudioEntity.class, soundId);
        return new AudioCatalog.StoredPcm(audio.getPcmData(), audio.getPcmRate());
    }

    private TelephonyPcm.Converted convert(byte[] data) {
        if (data == null || data.length == 0) {
            throw new InvalidInputException("file", "the file is missing or empty");
        }
        if (data.length > MAX_UPLOAD_BYTES) {
            throw new InvalidInputException("file", "the file is larger than 10 MB");
        }
        try {
            return converter.convert(data);
        } catch (UnsupportedAudioException e) {
            throw new InvalidInputException("file", e.getMessage());
        }
    }

    private static void requireTitle(String title) {
        if (title == null || title.isBlank()) {
            throw new InvalidInputException("title", "must not be empty");
        }
        if (title.length() > MAX_TITLE_LENGTH) {
            throw new InvalidInputException("title", "must be at most " + MAX_TITLE_LENGTH + " characters");
        }
        PlainText.require("title", title);
    }

    private SoundEntity find(ApiCaller caller, long clientId, long soundId) {
        caller.requireAccessTo(clientId);
        SoundEntity sound = em.find(SoundEntity.class, soundId);
        if (sound == null || sound.getClientId() != clientId) {
            throw new ResourceNotFoundException("sound", soundId);
        }
        return sound;
    }

    private static SoundView view(SoundEntity s) {
        return new SoundView(s.getId(), s.getClientId(), s.getTitle(), s.getOriginalFilename(), s.getOriginalFormat(),
                s.getOriginalSize(), s.getDurationMs(), s.getCreatedAt(), s.getUpdatedAt());
    }
}
