package org.confbridge.server.sip;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import java.io.IOException;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.SipStack;
import javax.sip.message.Response;

/**
 * Answers requests the conference server can never serve before the SIP container sees them, with the
 * answer RFC 3261 gives (the container itself would try to build a transaction, fail, and answer 500):
 * another SIP version 505, an INVITE without Contact 400, SUBSCRIBE/PUBLISH 489, NOTIFY 481, any other
 * method we do not implement 405 with Allow. Installed as the JAIN-SIP stack's message valve
 * ({@code gov.nist.javax.sip.SIP_MESSAGE_VALVE} in {@code mss-sip-stack.properties}).
 */
public final class RequestScreen implements SIPMessageValve {

    private static final Logger LOG = Logger.getLogger(RequestScreen.class.getName());
    static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO";
    private static final Set<String> SERVED = Set.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "INFO");

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        String method = request.getMethod();
        if ("ACK".equals(method)) {
            return true; // never answered
        }
        int status;
        String reason = null;
        if (request.getHeader(VersionCheckingParserFactory.OTHER_VERSION) != null
                || !"SIP/2.0".equalsIgnoreCase(request.getSIPVersion())) {
            status = Response.VERSION_NOT_SUPPORTED;
        } else if ("INVITE".equals(method) && request.getToTag() == null && request.getContactHeader() == null) {
            status = Response.BAD_REQUEST;
            reason = "Missing Contact header";
        } else if ("SUBSCRIBE".equals(method) || "PUBLISH".equals(method)) {
            status = Response.BAD_EVENT;
        } else if ("NOTIFY".equals(method)) {
            status = Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST;
        } else if (!SERVED.contains(method)) {
            status = Response.METHOD_NOT_ALLOWED;
        } else {
            return true;
        }
        try {
            SIPResponse response = reason == null ? request.createResponse(status) : request.createResponse(status, reason);
            if (status == Response.METHOD_NOT_ALLOWED) {
                response.addHeader("Allow: " + ALLOW);
            }
            channel.sendMessage(response);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "could not answer " + method + " with " + status, e);
        }
        return false;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return true;
    }

    @Override
    public void init(SipStack stack) {
    }

    @Override
    public void destroy() {
    }
}
