package org.confbridge.interfaces.sip;

import java.util.Optional;
import javax.servlet.sip.SipServletMessage;

/**
 * The SIP stack's own message behind a servlet message (Restcomm's implementation has a public
 * {@code getMessage()}), for the few fixes the Servlet API cannot express: a charset the stack cannot
 * encode, a route on a request inside a dialog. Empty on another container.
 */
final class StackMessages {

    private StackMessages() {
    }

    static Optional<javax.sip.message.Message> of(SipServletMessage message) {
        try {
            Object stack = message.getClass().getMethod("getMessage").invoke(message);
            return stack instanceof javax.sip.message.Message sip ? Optional.of(sip) : Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
