package org.confbridge.app.media;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.confbridge.domain.settings.ConferenceSettings;
import java.util.logging.Logger;
import org.confbridge.domain.conference.Audio;
import org.confbridge.domain.conference.Prompt;
import org.confbridge.media.Announcement;
import org.confbridge.media.Tone;

/**
 * Turns the domain's {@link Audio} into playable {@link Announcement}s: voice prompts are the
 * classpath WAVs {@code /prompts/<prompt>.wav}, the three tone prompts are generated tones, uploaded
 * sounds are read (converted, 8 or 16 kHz mono 16-bit) from the sound store ahead of time ({@link #load}), recorded names from
 * {@link NameRecordings}. A sound or name that no longer exists plays the built-in enter tone / nothing,
 * so a deleted upload never silences a conference's notifications.
 */
public final class AudioCatalog {

    private static final Logger LOG = Logger.getLogger(AudioCatalog.class.getName());

    /** Where uploaded sounds come from: the converted PCM or null when gone. */
    @FunctionalInterface
    public interface SoundStore {
        StoredPcm playablePcm(long clientId, long soundId);
    }

    /** A converted sound: mono 16-bit little-endian samples at 8000 or 16000 Hz. */
    public record StoredPcm(byte[] pcm, int sampleRate) {
    }

    /**
     * What to play, and the recorded names it holds: release each when the playback ends.
     */
    public record Resolved(List<Announcement> items, List<String> heldNames) {
    }

    /**
     * The uploaded sounds a conference's settings name ({@code enter_sound}, {@code music_on_hold_sound}),
     * read from the store before they are handed to the conference's loop, which does no I/O.
     */
    public record LoadedSounds(Map<Long, Announcement> sounds) {
        public static final LoadedSounds NONE = new LoadedSounds(Map.of());

        public LoadedSounds {
            sounds = Map.copyOf(sounds);
        }
    }

    private final SoundStore sounds;
    private final NameRecordings names;

    public AudioCatalog(SoundStore sounds, NameRecordings names) {
        this.sounds = sounds;
        this.names = names;
    }

    public NameRecordings names() {
        return names;
    }

    /**
     * Reads the uploaded sounds {@code settings} name (blocking: the store is the database). A sound that
     * is gone is left out and later played as the built-in tone.
     */
    public LoadedSounds load(long clientId, ConferenceSettings settings) {
        Map<Long, Announcement> loaded = new HashMap<>();
        for (Long id : new Long[] {settings.enterSound(), settings.musicOnHoldSound()}) {
            if (id != null && !loaded.containsKey(id)) {
                Announcement sound = uploaded(clientId, id);
                if (sound != null) {
                    loaded.put(id, sound);
                }
            }
        }
        return new LoadedSounds(loaded);
    }

    /** Resolves {@code audio} with the conference's loaded sounds; may be empty (nothing playable). No I/O. */
    public Resolved resolve(List<Audio> audio, LoadedSounds sounds) {
        List<Announcement> items = new ArrayList<>();
        List<String> held = new ArrayList<>();
        for (Audio item : audio) {
            if (item instanceof Audio.Builtin builtin) {
                items.add(builtin(builtin.prompt()));
            } else if (item instanceof Audio.Sound sound) {
                Announcement loaded = sounds.sounds().get(sound.soundId());
                if (loaded == null) {
                    LOG.fine(() -> "sound " + sound.soundId() + " is not loaded (gone): playing the built-in tone");
                }
                items.add(loaded != null ? loaded : Announcement.tone(Tone.BEEP));
            } else if (item instanceof Audio.RecordedName name) {
                var file = names.acquire(name.reference());
                if (file != null) {
                    items.add(Announcement.file(file));
                    held.add(name.reference());
                }
            }
        }
        return new Resolved(items, held);
    }

    static Announcement builtin(Prompt prompt) {
        switch (prompt) {
            case BEEP:
            case ENTER_TONE:
                return Announcement.tone(Tone.BEEP);
            case ERROR_TONE:
                return Announcement.tone(Tone.ERROR);
            default:
                return Announcement.prompt(prompt.fileName().substring(0, prompt.fileName().length() - ".wav".length()));
        }
    }

    private Announcement uploaded(long clientId, long soundId) {
        StoredPcm stored = sounds.playablePcm(clientId, soundId);
        byte[] pcm = stored == null ? null : stored.pcm();
        if (pcm == null || pcm.length < 2) {
            LOG.warning(() -> "sound " + soundId + " of client " + clientId + " is gone: playing the built-in tone");
            return null;
        }
        short[] samples = new short[pcm.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
        }
        return Announcement.pcm(samples, stored.sampleRate());
    }
}
