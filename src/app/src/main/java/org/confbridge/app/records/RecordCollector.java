package org.confbridge.app.records;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.confbridge.app.events.ConferenceEvent;
import org.confbridge.app.events.ConferenceEvents;

/**
 * Follows the events of each running conference and hands it over, finished, when it ends. Runs on the bus's
 * delivery thread only (no locking). Time talking adds up from {@code participant.talking} to
 * {@code participant.stopped_talking} (or leaving, or the end).
 */
final class RecordCollector implements ConferenceEvents.Listener {

    private final Map<String, Open> running = new HashMap<>();
    private final Consumer<FinishedConference> finished;

    RecordCollector(Consumer<FinishedConference> finished) {
        this.finished = finished;
    }

    private static final class Open {
        final long clientId;
        final long extensionId;
        final Instant startedAt;
        final Map<String, Seat> seats = new LinkedHashMap<>();

        Open(ConferenceEvent started) {
            this.clientId = started.clientId();
            this.extensionId = started.extensionId();
            this.startedAt = started.time();
        }
    }

    private static final class Seat {
        final Map<String, Object> joined;
        final Instant joinedAt;
        Instant leftAt;
        String reason;
        Instant talkingSince;
        long talkingMillis;

        Seat(ConferenceEvent event) {
            this.joined = event.data();
            this.joinedAt = event.time();
        }

        void stopTalking(Instant at) {
            if (talkingSince != null) {
                talkingMillis += Math.max(0, Duration.between(talkingSince, at).toMillis());
                talkingSince = null;
            }
        }
    }

    @Override
    public void onEvent(ConferenceEvent event) {
        String conference = event.conferenceId();
        if (conference == null) {
            return;
        }
        if ("conference.started".equals(event.type())) {
            running.put(conference, new Open(event));
            return;
        }
        Open open = running.get(conference);
        if (open == null) {
            return; // started before this server's collector (cannot be recorded whole)
        }
        Seat seat = event.participantId() == null ? null : open.seats.get(event.participantId());
        switch (event.type()) {
            case "participant.joined" -> open.seats.putIfAbsent(event.participantId(), new Seat(event));
            case "participant.talking" -> {
                if (seat != null && seat.talkingSince == null) {
                    seat.talkingSince = event.time();
                }
            }
            case "participant.stopped_talking" -> {
                if (seat != null) {
                    seat.stopTalking(event.time());
                }
            }
            case "participant.left" -> {
                if (seat != null) {
                    seat.stopTalking(event.time());
                    seat.leftAt = event.time();
                    Object reason = event.data().get("reason");
                    seat.reason = reason == null ? null : reason.toString();
                }
            }
            case "conference.ended" -> {
                running.remove(conference);
                finished.accept(finish(conference, open, event));
            }
            default -> {
                // not part of the record
            }
        }
    }

    private static FinishedConference finish(String conference, Open open, ConferenceEvent ended) {
        List<FinishedConference.Participant> participants = new ArrayList<>();
        for (Map.Entry<String, Seat> entry : open.seats.entrySet()) {
            Seat seat = entry.getValue();
            seat.stopTalking(ended.time());
            participants.add(new FinishedConference.Participant(entry.getKey(), text(seat.joined, "number"),
                    text(seat.joined, "name"), text(seat.joined, "role"), text(seat.joined, "origin"), seat.joinedAt,
                    seat.leftAt != null ? seat.leftAt : ended.time(), seat.reason, seat.talkingMillis));
        }
        Object peak = ended.data().get("peak_participants");
        int peakParticipants = peak instanceof Number n ? n.intValue() : participants.size();
        return new FinishedConference(open.clientId, open.extensionId, conference, open.startedAt, ended.time(),
                peakParticipants, participants);
    }

    private static String text(Map<String, Object> data, String field) {
        Object value = data.get(field);
        return value == null ? null : value.toString();
    }
}
