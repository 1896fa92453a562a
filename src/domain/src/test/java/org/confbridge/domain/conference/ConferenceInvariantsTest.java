package org.confbridge.domain.conference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.confbridge.domain.invite.InviteFailure;
import org.confbridge.domain.invite.InviteId;
import org.confbridge.domain.participant.Origin;
import org.confbridge.domain.participant.ParticipantId;
import org.confbridge.domain.settings.ConferenceSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random (seeded, reproducible) storms of arrivals, keys, leaves, timeouts and invite outcomes, carried
 * out by a simulated adapter that only knows the instructions. After every step, what the adapter
 * believes (who is connected, muted, hearing music on hold, which invite calls are open) must match
 * the conference's state, and the runtime rules must hold.
 */
class ConferenceInvariantsTest {

    private static final String KEYS = "0123456789*#";
    private static final String[] PIN_ATTEMPTS = {"1111#", "1111#", "9999#", "9999#", "12#", "#"};
    private static final String[] COMMANDS = {"*1", "*1", "*90", "*91", "*92", "*93", "*93", "*94", "*95", "*7", "*9",
        "*8", "*80123#", "*80456#", "*8#", "*8+", "*81*", "*8004930#"};

    private final ConferenceSettings settings = ConferenceSettings.DEFAULTS.withPin("1111").withModeratorPin("9999")
            .withMaxMembers(6).withAnnounceCallerName(true).withMusicOnHoldSound(3L);
    private final Conference conference = new Conference(7L, ConferencePolicy.DEFAULTS, settings);

    // What the simulated adapter knows, learnt from instructions only.
    private final Set<ParticipantId> calls = new HashSet<>();
    private final Set<ParticipantId> connected = new HashSet<>();
    private final Map<ParticipantId, Boolean> mutedOnLine = new HashMap<>();
    private final Set<ParticipantId> musicOnHold = new HashSet<>();
    private final Set<ParticipantId> recordingName = new HashSet<>();
    private final Set<ParticipantId> ringback = new HashSet<>();
    private final Set<InviteId> openInviteCalls = new HashSet<>();
    private Instant now = Instant.parse("2026-11-28T10:00:00Z");
    private int nextCaller;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void randomStormsKeepAdapterAndConferenceInStep(long seed) {
        Random random = new Random(seed);
        for (int step = 0; step < 1000; step++) {
            int action = random.nextInt(100);
            if (action < 10) {
                ParticipantId id = ParticipantId.of("c" + nextCaller++);
                calls.add(id);
                carryOut(conference.arrive(new Caller(id, "20" + nextCaller, null), now));
            } else if (action < 22 && !enteringPin().isEmpty()) {
                type(pick(random, enteringPin()), PIN_ATTEMPTS[random.nextInt(PIN_ATTEMPTS.length)]);
            } else if (action < 32 && !calls.isEmpty()) {
                type(pick(random, calls), String.valueOf(KEYS.charAt(random.nextInt(KEYS.length()))));
            } else if (action < 57 && !connected.isEmpty()) {
                type(pick(random, connected), COMMANDS[random.nextInt(COMMANDS.length)]);
            } else if (action < 67 && !recordingName.isEmpty()) {
                ParticipantId id = pick(random, recordingName);
                recordingName.remove(id);
                carryOut(conference.nameRecorded(id, random.nextBoolean() ? "rec-" + id : null, now));
            } else if (action < 77 && !openInviteCalls.isEmpty()) {
                InviteId invite = pick(random, openInviteCalls);
                openInviteCalls.remove(invite);
                if (random.nextInt(3) > 0) {
                    ParticipantId leg = ParticipantId.of("leg" + nextCaller++);
                    calls.add(leg);
                    carryOut(conference.inviteAnswered(invite, leg, now));
                } else {
                    carryOut(conference.inviteFailed(invite,
                            InviteFailure.values()[random.nextInt(InviteFailure.values().length)], now));
                }
            } else if (action < 72 && !openInviteCalls.isEmpty()) {
                carryOut(conference.inviteRinging(pick(random, openInviteCalls), now));
            } else if (action < 74) {
                // An administrator changes the properties while the conference runs (REST PUT).
                ConferenceSettings next = settings.withMuteNonModerator(random.nextBoolean())
                        .withMusicOnHoldSound(random.nextBoolean() ? 3L : null);
                carryOut(conference.changeSettings(next, now));
            } else if (action < 85 && !calls.isEmpty()) {
                hangUp(pick(random, !connected.isEmpty() && random.nextInt(4) > 0 ? connected : calls));
            } else {
                now = now.plus(Duration.ofMillis(random.nextInt(8000)));
                carryOut(conference.tick(now));
            }
            checkInvariants(seed, step);
        }
    }

    /** Calls the adapter has not connected nor asked to record a name: still keying the PIN (or being refused). */
    private Set<ParticipantId> enteringPin() {
        Set<ParticipantId> pin = new HashSet<>(calls);
        pin.removeAll(connected);
        pin.removeAll(recordingName);
        return pin;
    }

    private void type(ParticipantId id, String keys) {
        for (char c : keys.toCharArray()) {
            if (c == '+') {
                return; // not a key: the storm uses it to stop typing half-way
            }
            carryOut(conference.pressKey(id, c, now));
        }
    }

    private void carryOut(List<Instruction> instructions) {
        List<ParticipantId> hangups = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (instruction instanceof Instruction.ConnectToRoom c) {
                assertThat(connected.add(c.participant())).as("connected twice").isTrue();
                mutedOnLine.put(c.participant(), c.muted());
            } else if (instruction instanceof Instruction.SetMuted m) {
                assertThat(connected).as("mute of a call not in the room").contains(m.participant());
                mutedOnLine.put(m.participant(), m.muted());
            } else if (instruction instanceof Instruction.StartMusicOnHold s) {
                musicOnHold.add(s.participant()); // again for a lone caller: the new music replaces the old
            } else if (instruction instanceof Instruction.StartRingback r) {
                assertThat(ringback.add(r.participant())).as("ringback started twice").isTrue();
            } else if (instruction instanceof Instruction.StopRingback r) {
                assertThat(ringback.remove(r.participant())).as("ringback stopped without start").isTrue();
            } else if (instruction instanceof Instruction.StopMusicOnHold s) {
                assertThat(musicOnHold.remove(s.participant())).as("stop without start").isTrue();
            } else if (instruction instanceof Instruction.RecordName r) {
                recordingName.add(r.participant());
            } else if (instruction instanceof Instruction.PlaceInviteCall p) {
                openInviteCalls.add(p.invite());
            } else if (instruction instanceof Instruction.CancelInviteCall c) {
                openInviteCalls.remove(c.invite());
            } else if (instruction instanceof Instruction.Hangup h) {
                hangups.add(h.participant());
            } else if (instruction instanceof Instruction.Play p) {
                assertThat(calls).as("prompt to an unknown call").contains(p.to());
            }
        }
        // As the adapter does: after hanging up, the call has ended.
        hangups.forEach(this::hangUp);
    }

    private void hangUp(ParticipantId id) {
        calls.remove(id);
        connected.remove(id);
        mutedOnLine.remove(id);
        musicOnHold.remove(id);
        recordingName.remove(id);
        ringback.remove(id);
        carryOut(conference.leave(id, now));
    }

    private void checkInvariants(long seed, int step) {
        String where = "seed " + seed + " step " + step;
        List<Participant> participants = conference.participants();
        Set<ParticipantId> inRoom = participants.stream().filter(Participant::inRoom).map(Participant::id)
                .collect(Collectors.toSet());
        assertThat(connected).as(where + ": connected calls = participants in the room").isEqualTo(inRoom);
        for (Participant p : participants) {
            if (p.inRoom()) {
                assertThat(mutedOnLine.get(p.id())).as(where + ": mute of " + p.id()).isEqualTo(p.muted());
            }
        }
        Set<ParticipantId> expectedMusic = inRoom.size() == 1 ? inRoom : Set.of();
        assertThat(musicOnHold).as(where + ": music on hold exactly for a lone participant").isEqualTo(expectedMusic);
        assertThat(participants.size()).as(where + ": max_members").isLessThanOrEqualTo(6);
        if (participants.stream().noneMatch(p -> p.origin() == Origin.DIAL_IN)) {
            assertThat(participants).as(where + ": no invited participant left without a dial-in one").isEmpty();
            assertThat(conference.pendingInvites()).as(where + ": no invite pending without a dial-in one").isEmpty();
        }
        Set<ParticipantId> ringing = conference.pendingInvites().stream()
                .filter(i -> i.state() == InviteState.RINGING && i.inviter() != null && inRoom.contains(i.inviter()))
                .map(PendingInvite::inviter).collect(Collectors.toSet());
        assertThat(ringback).as(where + ": ringback exactly for inviters whose invite rings").isEqualTo(ringing);

        assertThat(conference.pendingInvites().stream().map(PendingInvite::id).collect(Collectors.toSet()))
                .as(where + ": open invite calls").isEqualTo(openInviteCalls);
        if (participants.isEmpty()) {
            assertThat(conference.isLocked()).as(where + ": lock reset").isFalse();
            assertThat(conference.isMuteAllActive()).as(where + ": mute-all reset").isFalse();
            assertThat(conference.joinNotificationsOn()).as(where + ": notifications reset").isTrue();
            assertThat(conference.pendingInvites()).as(where + ": invites cancelled").isEmpty();
        }
        assertThat(participants.size() + conference.callersEnteringPin())
                .as(where + ": every known call is a live call").isLessThanOrEqualTo(calls.size());
    }

    private static <T> T pick(Random random, Set<T> from) {
        List<T> sorted = from.stream().sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
        return sorted.get(random.nextInt(sorted.size()));
    }
}
