package org.confbridge.media.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.confbridge.media.Announcement;
import org.confbridge.media.Tone;
import org.confbridge.media.player.Clip;
import org.confbridge.media.player.PcmClip;
import org.confbridge.media.player.PromptLibrary;
import org.confbridge.media.player.ToneClip;
import org.confbridge.media.player.WavFiles;

/** Turns announcements into playable clips on the caller's thread (file reads stay out of the tick). */
final class ClipLoader {
    private final PromptLibrary prompts;
    private final Map<Tone, Clip> tones = new EnumMap<>(Tone.class);

    ClipLoader(PromptLibrary prompts) {
        this.prompts = prompts;
        for (Tone tone : Tone.values()) {
            tones.put(tone, new ToneClip(tone));
        }
    }

    List<Clip> load(List<Announcement> items) throws IOException {
        List<Clip> clips = new ArrayList<>(items.size());
        for (Announcement item : items) {
            clips.add(load(item));
        }
        return List.copyOf(clips);
    }

    private Clip load(Announcement item) throws IOException {
        if (item instanceof Announcement.Prompt prompt) {
            return prompts.get(prompt.name());
        } else if (item instanceof Announcement.ToneItem tone) {
            return tones.get(tone.tone());
        } else if (item instanceof Announcement.SoundFile file) {
            return WavFiles.readClip(file.path());
        } else if (item instanceof Announcement.Pause pause) {
            return PcmClip.silence(pause.length().toMillis());
        } else if (item instanceof Announcement.Pcm pcm) {
            return new PcmClip(pcm.samples(), pcm.sampleRate());
        }
        throw new IllegalArgumentException("unknown announcement " + item);
    }
}
