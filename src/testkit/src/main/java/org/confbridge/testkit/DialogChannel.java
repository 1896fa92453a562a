package org.confbridge.testkit;

import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One call's JAIN-SIP objects and the messages it sends: in-dialog requests with a future for their
 * final response, ACK (and its re-sending for retransmitted 2xx), CANCEL, responses to the INVITE and to
 * other requests. Holds no call state; never blocks.
 */
final class DialogChannel {

    /** Adds headers or a body to a request before it is sent. */
    interface RequestCustomizer {
        void apply(Request request) throws ParseException;
    }

    private static final Logger LOG = Logger.getLogger(DialogChannel.class.getName());

    private final SipEndpoint sip;
    private final String callId;
    private final String transport;
    private final String localTag = Long.toHexString(ThreadLocalRandom.current().nextLong());
    private final Map<ClientTransaction, CompletableFuture<Response>> pending = new ConcurrentHashMap<>();

    private volatile Dialog dialog;
    private volatile ClientTransaction inviteClientTx;
    private volatile ServerTransaction inviteServerTx;
    private volatile Request lastAck;
    private long ackedInviteCseq = -1; // guarded by this

    DialogChannel(SipEndpoint sip, String callId, String transport) {
        this.sip = sip;
        this.callId = callId;
        this.transport = transport;
    }

    void outgoing(ClientTransaction tx) {
        inviteClientTx = tx;
        dialog = tx.getDialog();
    }

    void incoming(ServerTransaction tx) {
        inviteServerTx = tx;
        dialog = tx.getDialog();
    }

    /** Adopts the dialog a 2xx established (it may differ from the early one). */
    void confirmedBy(Dialog confirmed) {
        if (confirmed != null) {
            dialog = confirmed;
        }
    }

    boolean isInitialInvite(ClientTransaction tx) {
        return tx != null && tx == inviteClientTx;
    }

    /** Sends an in-dialog request; the future completes with its final response (or fails on timeout). */
    CompletableFuture<Response> send(String method, RequestCustomizer customizer) {
        CompletableFuture<Response> done = new CompletableFuture<>();
        try {
            Request request = dialog.createRequest(method);
            customizer.apply(request);
            ClientTransaction tx = sip.provider.getNewClientTransaction(request);
            pending.put(tx, done);
            dialog.sendRequest(tx);
        } catch (ParseException | SipException e) {
            throw new IllegalStateException("cannot send " + method + " on call " + callId + ": " + e.getMessage(), e);
        }
        return done;
    }

    /** CANCELs the initial INVITE; false when that is no longer possible (already final). */
    boolean cancelInvite() {
        try {
            ClientTransaction tx = sip.provider.getNewClientTransaction(inviteClientTx.createCancel());
            pending.put(tx, new CompletableFuture<>());
            tx.sendRequest();
            return true;
        } catch (SipException | RuntimeException e) {
            LOG.log(Level.FINE, "CANCEL not sent on call " + callId + " (already final?)", e);
            return false;
        }
    }

    /** A final response arrived for one of our requests. */
    void completed(ClientTransaction tx, Response response) {
        CompletableFuture<Response> waiting = tx == null ? null : pending.remove(tx);
        if (waiting != null) {
            waiting.complete(response);
        }
    }

    void timedOut(ClientTransaction tx) {
        CompletableFuture<Response> waiting = pending.remove(tx);
        if (waiting != null) {
            waiting.completeExceptionally(new TimeoutException("no response to " + tx.getRequest().getMethod()));
        }
    }

    /** ACKs a 2xx to INVITE number {@code cseq} (with the SDP answer of a late offer, if any). */
    void acknowledge(Dialog d, long cseq, String sdp) {
        Dialog target = d != null ? d : dialog;
        try {
            Request ack = target.createAck(cseq);
            if (sdp != null) {
                ack.setContent(sdp, sip.sdpContentType());
            }
            target.sendAck(ack);
            lastAck = ack;
            synchronized (this) {
                ackedInviteCseq = Math.max(ackedInviteCseq, cseq);
            }
        } catch (ParseException | SipException | InvalidArgumentException e) {
            LOG.log(Level.WARNING, "cannot ACK on call " + callId, e);
        }
    }

    synchronized boolean acked(long cseq) {
        return ackedInviteCseq >= cseq;
    }

    /** Sends the last ACK again, for a retransmitted 2xx (our ACK was lost). */
    void resendAck() {
        Request ack = lastAck;
        if (ack != null) {
            try {
                dialog.sendAck(ack);
            } catch (SipException e) {
                LOG.log(Level.FINE, "cannot resend ACK", e);
            }
        }
    }

    javax.sip.header.ContentTypeHeader sdpContentType() throws ParseException {
        return sip.sdpContentType();
    }

    javax.sip.header.ContentTypeHeader contentType(String type, String subType) throws ParseException {
        return sip.contentType(type, subType);
    }

    /** Answers the peer's initial INVITE (180, 183, 200, 4xx...), with our To tag and Contact. */
    void respondToInvite(int status, String sdp) {
        ServerTransaction tx = inviteServerTx;
        if (tx != null) {
            respond(tx, tx.getRequest(), status, sdp);
        }
    }

    /** Answers any request; {@code sdp} may be null. */
    void respond(ServerTransaction tx, Request request, int status, String sdp) {
        if (tx == null) {
            return;
        }
        try {
            Response response = Request.INVITE.equals(request.getMethod())
                    ? sip.response(status, request, localTag, transport)
                    : sip.messages.createResponse(status, request);
            if (sdp != null) {
                response.setContent(sdp, sip.sdpContentType());
            }
            tx.sendResponse(response);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            // RuntimeException: JAIN-SIP throws NPEs when the phone is closing under the request
            LOG.log(Level.FINE, "cannot send " + status + " to " + request.getMethod() + " on call " + callId, e);
        }
    }
}
