package org.confbridge.app.media;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.confbridge.domain.conference.Audio;
import org.confbridge.domain.conference.Instruction;
import org.confbridge.domain.participant.ParticipantId;
import org.confbridge.media.Announcement;
import org.confbridge.media.JoinOptions;
import org.confbridge.media.PlayRequest;
import org.confbridge.media.Playback;
import org.confbridge.media.RecordingEnd;
import org.confbridge.media.RecordingOptions;
import org.confbridge.media.RecordingResult;
import org.confbridge.media.Room;
import org.confbridge.media.Tone;

/**
 * Carries out the audio instructions of one live conference on its media room and its callers' legs.
 * Confined to the conference's loop; work that must wait for audio (a name recording after its prompt,
 * a hang-up after the goodbye) is handed back to {@code loop}, which runs it later on that same thread.
 * No I/O here: uploaded sounds come already loaded ({@link AudioCatalog.LoadedSounds}).
 */
public final class ConferenceAudio {

    private static final Logger LOG = Logger.getLogger(ConferenceAudio.class.getName());

    /** Told when a name recording is over: the reference, or null when nothing usable was recorded. */
    @FunctionalInterface
    public interface NameRecordedListener {
        void nameRecorded(ParticipantId participant, String reference);
    }

    private static final PlayRequest RINGBACK = new PlayRequest(List.of(Announcement.tone(Tone.RINGBACK)), true, false);

    private final Room room;
    private final AudioCatalog catalog;
    private AudioCatalog.LoadedSounds sounds;
    private final Executor serialized;
    private final NameRecordedListener nameRecorded;
    private final Map<ParticipantId, ParticipantAudio> participants = new HashMap<>();
    /** Completes when the announcements queued to the whole room so far have been played. */
    private CompletableFuture<Void> roomAnnouncements = CompletableFuture.completedFuture(null);

    public ConferenceAudio(Room room, AudioCatalog catalog, AudioCatalog.LoadedSounds sounds, Executor loop,
                           NameRecordedListener nameRecorded) {
        this.room = room;
        this.catalog = catalog;
        this.sounds = sounds;
        Executor serialized = loop;
        this.serialized = serialized;
        this.nameRecorded = nameRecorded;
    }

    /** The settings changed: the uploaded sounds they name now (loaded off the loop). */
    public void useSounds(AudioCatalog.LoadedSounds loaded) {
        this.sounds = loaded;
    }

    /** A caller arrives with their leg; they hear only their own prompts until connected to the room. */
    public void add(ParticipantId id, org.confbridge.media.MediaLeg leg) {
        participants.put(id, new ParticipantAudio(leg));
    }

    /**
     * Carries out one audio instruction.
     *
     * @return false when {@code instruction} is not about audio (the caller handles it)
     */
    public boolean carryOut(Instruction instruction) {
        if (instruction instanceof Instruction.Play play) {
            ParticipantAudio p = participants.get(play.to());
            if (p != null) {
                play(p, play.audio());
            }
        } else if (instruction instanceof Instruction.PlayToRoom toRoom) {
            playToRoom(toRoom);
        } else if (instruction instanceof Instruction.ConnectToRoom connect) {
            ParticipantAudio p = participants.get(connect.participant());
            if (p != null) {
                room.join(p.leg, new JoinOptions(connect.muted(), true));
                p.inRoom = true;
            }
        } else if (instruction instanceof Instruction.SetMuted mute) {
            ParticipantAudio p = participants.get(mute.participant());
            if (p != null && p.inRoom) {
                room.setMuted(p.leg, mute.muted());
            }
        } else if (instruction instanceof Instruction.StartMusicOnHold music) {
            ParticipantAudio p = participants.get(music.participant());
            if (p != null) {
                AudioCatalog.Resolved resolved = catalog.resolve(List.of(music.audio()), sounds);
                if (!resolved.items().isEmpty()) {
                    startMusicAfterRoomAnnouncements(music.participant(), p,
                            new PlayRequest(resolved.items(), music.loop(), false));
                }
            }
        } else if (instruction instanceof Instruction.StopMusicOnHold stop) {
            ParticipantAudio p = participants.get(stop.participant());
            if (p != null) {
                p.pendingMusic = null;
                p.stopMusic();
            }
        } else if (instruction instanceof Instruction.StartRingback ringback) {
            ParticipantAudio p = participants.get(ringback.participant());
            if (p != null) {
                p.startRingback(RINGBACK);
            }
        } else if (instruction instanceof Instruction.StopRingback ringback) {
            ParticipantAudio p = participants.get(ringback.participant());
            if (p != null) {
                p.stopRingback();
            }
        } else if (instruction instanceof Instruction.RecordName record) {
            ParticipantAudio p = participants.get(record.participant());
            if (p != null) {
                p.queueDrained().whenComplete((ignored, error) ->
                        serialized.execute(() -> startNameRecording(record)));
            }
        } else if (instruction instanceof Instruction.FinishNameRecording finish) {
            ParticipantAudio p = participants.get(finish.participant());
            if (p != null) {
                if (p.nameRecording != null) {
                    p.nameRecording.stop();
                } else {
                    p.nameFinishRequested = true; // '#' during "say your name": record nothing
                }
            }
        } else {
            return false;
        }
        return true;
    }

    /**
     * Runs {@code hangUp} (under the registry's lock) once the prompts queued to the caller have been
     * played, e.g. "wrong PIN" then BYE. Immediately when the caller has no leg here.
     */
    public void afterQueuedAudio(ParticipantId id, Runnable hangUp) {
        ParticipantAudio p = participants.get(id);
        if (p == null) {
            hangUp.run();
            return;
        }
        p.queueDrained().whenComplete((ignored, error) -> serialized.execute(hangUp));
    }

    /**
     * The caller leaves (before the domain's leave instructions are carried out): out of the room, no
     * more music or recording. Their prompts still play to the end (a hang-up may wait for them).
     *
     * @return the caller's recorded name to release once the leave instructions ("has left") are queued
     */
    public String remove(ParticipantId id) {
        ParticipantAudio p = participants.remove(id);
        if (p == null) {
            return null;
        }
        if (p.inRoom) {
            room.leave(p.leg);
        }
        p.pendingMusic = null;
        p.stopMusic();
        p.stopRingback();
        if (p.nameRecording != null) {
            p.nameRecording.stop();
        }
        return p.nameReference;
    }

    /** The conference is over: closes the room. */
    public void close() {
        for (ParticipantId id : List.copyOf(participants.keySet())) {
            String name = remove(id);
            if (name != null) {
                catalog.names().release(name);
            }
        }
        room.close();
    }

    public boolean isEmpty() {
        return participants.isEmpty();
    }

    private void play(ParticipantAudio p, List<Audio> audio) {
        AudioCatalog.Resolved resolved = catalog.resolve(audio, sounds);
        if (resolved.items().isEmpty()) {
            return;
        }
        Playback playback = p.play(new PlayRequest(resolved.items(), false, false));
        releaseWhenDone(playback, resolved);
    }

    private void playToRoom(Instruction.PlayToRoom toRoom) {
        AudioCatalog.Resolved resolved = catalog.resolve(toRoom.audio(), sounds);
        if (resolved.items().isEmpty()) {
            return;
        }
        PlayRequest request = new PlayRequest(resolved.items(), false, false);
        ParticipantAudio except = toRoom.except() == null ? null : participants.get(toRoom.except());
        Playback playback = except != null && except.inRoom
                ? room.playToAllExcept(request, except.leg) : room.playToAll(request);
        roomAnnouncements = playback.completion().toCompletableFuture().thenApply(outcome -> null);
        releaseWhenDone(playback, resolved);
    }

    /**
     * Music on hold for the one left alone starts after "X has left" has been played to them: a
     * personal playback is mixed over the room's, and the two at once would be heard as neither.
     */
    private void startMusicAfterRoomAnnouncements(ParticipantId id, ParticipantAudio p, PlayRequest request) {
        if (roomAnnouncements.isDone()) {
            p.startMusic(request);
            return;
        }
        p.pendingMusic = request;
        roomAnnouncements.whenComplete((ignored, error) -> serialized.execute(() -> {
            if (participants.get(id) == p && p.pendingMusic == request) {
                p.pendingMusic = null;
                p.startMusic(request);
            }
        }));
    }

    private void releaseWhenDone(Playback playback, AudioCatalog.Resolved resolved) {
        if (!resolved.heldNames().isEmpty()) {
            playback.completion().whenComplete((outcome, error) ->
                    resolved.heldNames().forEach(catalog.names()::release));
        }
    }

    /** After "say your name" and the beep: record, unless the caller left or pressed '#' already. */
    private void startNameRecording(Instruction.RecordName record) {
        ParticipantAudio p = participants.get(record.participant());
        if (p == null) {
            return;
        }
        if (p.nameFinishRequested) {
            nameRecorded.nameRecorded(record.participant(), null);
            return;
        }
        Path file = catalog.names().newFile();
        p.nameRecording = p.leg.record(file, RecordingOptions.name(record.maxLength()));
        p.nameRecording.completion().whenComplete((result, error) ->
                serialized.execute(() -> nameRecordingEnded(record.participant(), file, result, error)));
    }

    private void nameRecordingEnded(ParticipantId id, Path file, RecordingResult result, Throwable error) {
        ParticipantAudio p = participants.get(id);
        boolean usable = error == null && result != null && result.speechDetected()
                && result.end() != RecordingEnd.FAILED && result.end() != RecordingEnd.LEG_CLOSED;
        if (error != null) {
            LOG.log(Level.WARNING, "name recording of " + id + " failed", error);
        }
        if (p == null || !usable) {
            catalog.names().discard(file);
            if (p != null) {
                p.nameRecording = null;
                nameRecorded.nameRecorded(id, null);
            }
            return;
        }
        p.nameRecording = null;
        p.nameReference = catalog.names().keep(file);
        nameRecorded.nameRecorded(id, p.nameReference);
    }
}
