package org.confbridge.testkit;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A SIP request or response the phone received, frozen at arrival: what tests assert on ("the server
 * sent BYE", "the INVITE's From was ...", "a 180 came before the 200").
 */
public final class SipMessageRecord {

    private final Instant receivedAt;
    private final long receivedNanos;
    private final String method;
    private final int status;
    private final String reason;
    private final String callId;
    private final String text;
    private final String body;
    private final String contentType;
    private final Message message;

    private SipMessageRecord(Message message, String method, int status, String reason) {
        this.receivedAt = Instant.now();
        this.receivedNanos = System.nanoTime();
        this.message = (Message) message.clone();
        this.method = method;
        this.status = status;
        this.reason = reason;
        this.callId = ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
        this.text = message.toString();
        byte[] raw = message.getRawContent();
        this.body = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
        ContentTypeHeader ct = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        this.contentType = ct == null ? null : ct.getContentType() + "/" + ct.getContentSubType();
    }

    static SipMessageRecord of(Request request) {
        return new SipMessageRecord(request, request.getMethod(), 0, null);
    }

    static SipMessageRecord of(Response response) {
        String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
        return new SipMessageRecord(response, method, response.getStatusCode(), response.getReasonPhrase());
    }

    public boolean isRequest() {
        return status == 0;
    }

    /** The request's method, or for a response the CSeq method it answers. */
    public String method() {
        return method;
    }

    /** Status code of a response, 0 for a request. */
    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public String callId() {
        return callId;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    /** System.nanoTime() at arrival, comparable with audio marks. */
    public long receivedNanos() {
        return receivedNanos;
    }

    /** The whole message as received (start line, headers, body). */
    public String text() {
        return text;
    }

    /** The body as text, "" when none. */
    public String body() {
        return body;
    }

    /** e.g. "application/sdp", or null. */
    public String contentType() {
        return contentType;
    }

    public boolean hasSdp() {
        return "application/sdp".equalsIgnoreCase(contentType) && !body.isBlank();
    }

    /** The value of the first header with this name (compact forms accepted), or null. */
    public String header(String name) {
        Header h = message.getHeader(name);
        return h == null ? null : valueOf(h);
    }

    /** The values of all headers with this name. */
    public List<String> headers(String name) {
        List<String> values = new ArrayList<>();
        for (Iterator<?> it = ((SIPMessage) message).getHeaders(name); it.hasNext(); ) {
            values.add(valueOf((Header) it.next()));
        }
        return values;
    }

    /** Request-URI of a request, null for a response. */
    public String requestUri() {
        return message instanceof Request ? ((Request) message).getRequestURI().toString() : null;
    }

    private static String valueOf(Header h) {
        if (h instanceof SIPHeader) {
            return ((SIPHeader) h).getHeaderValue().trim();
        }
        String s = h.toString();
        return s.substring(s.indexOf(':') + 1).trim();
    }

    @Override
    public String toString() {
        return isRequest() ? method + " " + requestUri() : status + " " + reason + " (" + method + ")";
    }
}
