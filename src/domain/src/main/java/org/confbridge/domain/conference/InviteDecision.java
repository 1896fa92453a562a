package org.confbridge.domain.conference;

import java.util.List;

/** The answer to an invite request: a call to place, or a refusal with its reason. */
public sealed interface InviteDecision {

    /** What the adapter must carry out (the call to place and/or prompts to the inviter). */
    List<Instruction> instructions();

    record Started(PendingInvite invite, List<Instruction> instructions) implements InviteDecision {
        public Started {
            instructions = List.copyOf(instructions);
        }
    }

    /** {@code message} is a human-readable reason (for a REST error body). */
    record Refused(InviteRefusal reason, String message, List<Instruction> instructions) implements InviteDecision {
        public Refused {
            instructions = List.copyOf(instructions);
        }
    }
}
