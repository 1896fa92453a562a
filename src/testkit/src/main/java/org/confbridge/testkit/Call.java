package org.confbridge.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.confbridge.testkit.rtp.AudioSource;
import org.confbridge.testkit.rtp.ReceivedAudio;
import org.confbridge.testkit.rtp.ReceivedDigits;
import org.confbridge.testkit.rtp.RtpSession;

/**
 * One call of a {@link TestPhone}, outgoing or incoming: its SIP dialog, its RTP stream and everything
 * received on both. Test threads call the public methods; the SIP stack's thread feeds the package-private
 * {@code on*} methods. State is guarded by this object's monitor, which is never held while calling into
 * the SIP stack (the stack calls back into us holding its own locks).
 */
public final class Call {

    /** Default time a blocking call waits for the peer's answer to a request (BYE, INFO, re-INVITE). */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** Default gap between keys of {@link #sendDigits(String, DtmfMode)}. */
    public static final Duration DEFAULT_DIGIT_GAP = Duration.ofMillis(200);
    /** Default key length: 160 ms, as in "Duration=160". */
    public static final Duration DEFAULT_DIGIT_DURATION = Duration.ofMillis(160);

    private static final Logger LOG = Logger.getLogger(Call.class.getName());

    private final ScheduledExecutorService timers;
    private final boolean incoming;
    private final String callId;
    private final RtpSession rtp;
    private final MediaNegotiation media;
    private final DialogChannel channel;

    // guarded by this
    private CallState state = CallState.CALLING;
    private final EnumSet<CallState> reached = EnumSet.of(CallState.CALLING);
    private int finalStatus;
    private String finalReason;
    private final List<SipMessageRecord> responses = new ArrayList<>();
    private final List<SipMessageRecord> requests = new ArrayList<>();
    private final StringBuilder infoDigits = new StringBuilder();
    private boolean lateOfferPending;
    private volatile SipMessageRecord invite;

    private Call(ScheduledExecutorService timers, boolean incoming, String callId, RtpSession rtp,
            MediaNegotiation media, DialogChannel channel) {
        this.timers = timers;
        this.incoming = incoming;
        this.callId = callId;
        this.rtp = rtp;
        this.media = media;
        this.channel = channel;
    }

    // ---- creation ------------------------------------------------------------------------------------

    /** Builds and sends the INVITE; {@code register} sees the call before it is sent (fast peers answer at once). */
    static Call placeOutgoing(SipEndpoint sip, ScheduledExecutorService timers, String target, CallOptions options,
            java.util.function.Consumer<Call> register) throws IOException {
        RtpSession rtp = new RtpSession(InetAddress.getByName(sip.host), options.telephoneEventPayloadType());
        try {
            String fromTag = Long.toHexString(ThreadLocalRandom.current().nextLong());
            MediaNegotiation media = new MediaNegotiation(sip.host, rtp, options.codecs(),
                    options.telephoneEventPayloadType(), options.audio(), options.srtpSuite(), options.srtpWrongKey());
            String offer = options.isLateOffer() ? null : media.offer();
            Request request = sip.invite(target, options, fromTag, offer);
            String callId = ((javax.sip.header.CallIdHeader) request.getHeader("Call-ID")).getCallId();
            DialogChannel channel = new DialogChannel(sip, callId, options.transport().jainName());
            Call call = new Call(timers, false, callId, rtp, media, channel);
            call.lateOfferPending = options.isLateOffer();
            call.invite = SipMessageRecord.of(request);
            ClientTransaction tx = sip.provider.getNewClientTransaction(request);
            channel.outgoing(tx);
            register.accept(call);
            return call.startInvite(tx, options.answerTimeout());
        } catch (ParseException | SipException | RuntimeException e) {
            rtp.close();
            throw new IOException("cannot call " + target + ": " + e.getMessage(), e);
        }
    }

    private Call startInvite(ClientTransaction tx, Duration answerTimeout) throws SipException {
        tx.sendRequest();
        timers.schedule(this::giveUpRinging, answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    static Call acceptIncoming(SipEndpoint sip, ScheduledExecutorService timers, Request request,
            ServerTransaction tx, IncomingPolicy policy) throws IOException {
        RtpSession rtp = new RtpSession(InetAddress.getByName(sip.host), policy.telephoneEventPayloadType());
        String callId = ((javax.sip.header.CallIdHeader) request.getHeader("Call-ID")).getCallId();
        String transport = ((ViaHeader) request.getHeader(ViaHeader.NAME)).getTransport().toLowerCase(Locale.ROOT);
        MediaNegotiation media = new MediaNegotiation(sip.host, rtp, policy.codecs(),
                policy.telephoneEventPayloadType(), policy.audio());
        DialogChannel channel = new DialogChannel(sip, callId, transport);
        channel.incoming(tx);
        Call call = new Call(timers, true, callId, rtp, media, channel);
        call.invite = SipMessageRecord.of(request);
        synchronized (call) {
            call.requests.add(call.invite);
        }
        return call;
    }

    // ---- public API: identity and state --------------------------------------------------------------

    public String callId() {
        return callId;
    }

    public boolean isIncoming() {
        return incoming;
    }

    public synchronized CallState state() {
        return state;
    }

    /**
     * Waits until the call has reached {@code wanted} (now or before) or can no longer reach it; returns
     * whether it was reached, false on timeout. A call that skipped a step has reached it when it got
     * further: a call answered without a 180 has reached RINGING; one that failed has not.
     */
    public boolean awaitState(CallState wanted, Duration timeout) throws InterruptedException {
        return awaitCondition(() -> hasReached(wanted) || state.isTerminal(), timeout) && hasReached(wanted);
    }

    // holds this
    private boolean hasReached(CallState wanted) {
        if (reached.contains(wanted)) {
            return true;
        }
        if (wanted.isTerminal()) {
            return false;
        }
        return reached.stream().anyMatch(r -> !r.isTerminal() && r.ordinal() > wanted.ordinal());
    }

    /** Waits, on this call's monitor, until {@code condition} (evaluated holding it) is true. */
    private boolean awaitCondition(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    /** Like {@link #awaitState} but fails with an AssertionError describing the call. */
    public void expectState(CallState wanted, Duration timeout) throws InterruptedException {
        if (!awaitState(wanted, timeout)) {
            throw new AssertionError("call " + callId + " did not reach " + wanted + " within " + timeout + ": " + this);
        }
    }

    /** Final status of the INVITE (200, 486, 487, 488, 408 for a local timeout ...), 0 while none. */
    public synchronized int finalStatus() {
        return finalStatus;
    }

    public synchronized String finalReason() {
        return finalReason;
    }

    /** Responses received to our requests (INVITE, re-INVITE, BYE, INFO, CANCEL), in arrival order. */
    public synchronized List<SipMessageRecord> responses() {
        return List.copyOf(responses);
    }

    /** Status codes of the provisional responses received to the initial INVITE, e.g. [100, 180]. */
    public synchronized List<Integer> provisionalStatuses() {
        List<Integer> codes = new ArrayList<>();
        for (SipMessageRecord r : responses) {
            if ("INVITE".equals(r.method()) && r.status() < 200) {
                codes.add(r.status());
            }
        }
        return codes;
    }

    /** Requests received in this dialog (for an incoming call, the INVITE first), in arrival order. */
    public synchronized List<SipMessageRecord> requestsReceived() {
        return List.copyOf(requests);
    }

    /** Whether a request with this method (e.g. "BYE") was received. */
    public synchronized boolean received(String method) {
        return requests.stream().anyMatch(r -> r.method().equalsIgnoreCase(method));
    }

    /** Waits for a request with this method; returns it, or null on timeout. */
    public SipMessageRecord awaitRequest(String method, Duration timeout) throws InterruptedException {
        awaitCondition(() -> firstRequest(method) != null, timeout);
        synchronized (this) {
            return firstRequest(method);
        }
    }

    // holds this
    private SipMessageRecord firstRequest(String method) {
        for (SipMessageRecord r : requests) {
            if (r.method().equalsIgnoreCase(method)) {
                return r;
            }
        }
        return null;
    }

    /** Waits until {@code count} keys came by SIP INFO; returns the keys received (maybe fewer on timeout). */
    public String awaitInfoDigits(int count, Duration timeout) throws InterruptedException {
        awaitCondition(() -> infoDigits.length() >= count, timeout);
        return infoDigits();
    }

    /** The INVITE: the one we sent (outgoing) or the one the peer sent (incoming). */
    public SipMessageRecord invite() {
        return invite;
    }

    /** The peer's latest SDP, or null. */
    public String remoteSdp() {
        return media.remoteSdp();
    }

    /** The audio codec in use, or null before negotiation. */
    public Codec codec() {
        return media.codec();
    }

    /** The negotiated telephone-event payload type, -1 if none. */
    public int telephoneEventPayloadType() {
        return media.eventPayloadType();
    }

    /** The direction the peer last declared (sendonly when it holds us), null before any SDP. */
    public MediaDirection remoteDirection() {
        return media.remoteDirection();
    }

    public MediaDirection localDirection() {
        return media.localDirection();
    }

    // ---- public API: media ---------------------------------------------------------------------------

    /** Everything heard on this call's RTP stream (early media included). */
    public ReceivedAudio audio() {
        return rtp.audio();
    }

    /** Keys heard as RFC 4733 events. */
    public ReceivedDigits rfc4733Digits() {
        return rtp.digits();
    }

    /** Keys received by SIP INFO (either body format), in order. */
    public synchronized String infoDigits() {
        return infoDigits.toString();
    }

    /** The RTP session itself: local port, send log (pacing), dropped-packet counters. */
    public RtpSession rtp() {
        return rtp;
    }

    /** What to send from the next frame on. */
    public void play(AudioSource source) {
        rtp.play(source);
    }

    public void sendTone(double freqHz, double dbfs) {
        rtp.play(AudioSource.tone(freqHz, dbfs));
    }

    public void sendSilence() {
        rtp.play(AudioSource.silence());
    }

    /** 8 kHz PCM, once then silence, or looped. */
    public void sendPcm(short[] pcm, boolean loop) {
        rtp.play(AudioSource.pcm(pcm, loop));
    }

    /** PCM at 8000 or 16000 Hz, once then silence, or looped (converted to the codec's rate if they differ). */
    public void sendPcm(short[] pcm, int sampleRate, boolean loop) {
        rtp.play(AudioSource.pcm(pcm, sampleRate, loop));
    }

    /** Sends keys with the default 200 ms gap and 160 ms key length. */
    public void sendDigits(String keys, DtmfMode mode) throws InterruptedException {
        sendDigits(keys, mode, DEFAULT_DIGIT_GAP, DEFAULT_DIGIT_DURATION);
    }

    /**
     * Sends keys one after another, waiting {@code gap} between them; blocks until all were sent (INFO:
     * each answered 2xx, else IllegalStateException; RFC 4733: each event's end packets sent).
     */
    public void sendDigits(String keys, DtmfMode mode, Duration gap, Duration keyDuration) throws InterruptedException {
        for (char key : keys.toCharArray()) {
            org.confbridge.testkit.rtp.TelephoneEvent.codeOf(key); // reject bad keys before sending any
        }
        requireAnswered("send DTMF");
        for (int i = 0; i < keys.length(); i++) {
            char key = keys.charAt(i);
            switch (mode) {
                case INFO_RELAY:
                    sendInfo(InfoDtmf.RELAY, InfoDtmf.relayBody(key, keyDuration));
                    break;
                case INFO_DTMF:
                    sendInfo(InfoDtmf.PLAIN, InfoDtmf.plainBody(key));
                    break;
                default:
                    awaitFuture(rtp.sendEvent(key, keyDuration), keyDuration.plus(REQUEST_TIMEOUT), "RFC 4733 key " + key);
            }
            if (i < keys.length() - 1) {
                Thread.sleep(gap.toMillis());
            }
        }
    }

    /** Puts the peer on hold: re-INVITE with a=sendonly. Returns the final status of the re-INVITE. */
    public int hold() throws InterruptedException {
        return reinvite(MediaDirection.SENDONLY);
    }

    /** Takes the peer off hold: re-INVITE with a=sendrecv. */
    public int unhold() throws InterruptedException {
        return reinvite(MediaDirection.SENDRECV);
    }

    /** Sends a re-INVITE offering the current codec with {@code direction}; returns its final status. */
    public int reinvite(MediaDirection direction) throws InterruptedException {
        requireAnswered("re-INVITE");
        String offer = media.reoffer(direction);
        Response response = sendInDialog(Request.INVITE, req -> req.setContent(offer, channel.sdpContentType()));
        return response.getStatusCode();
    }

    /**
     * Moves this side's RTP to a new local port and announces it by re-INVITE (same codec and direction),
     * as a phone changing network would. Returns the re-INVITE's final status.
     */
    public int moveMediaPort() throws InterruptedException, IOException {
        requireAnswered("move media");
        rtp.rebind();
        return reinvite(localDirection());
    }

    /**
     * Ends the call the way a user would: BYE when answered (waits for its response), CANCEL while an
     * outgoing call rings, 603 Decline for an unanswered incoming call. No-op once ended.
     */
    public void hangup() throws InterruptedException {
        CallState now = state();
        if (now.isTerminal()) {
            return;
        }
        if (now == CallState.ANSWERED) {
            try {
                sendInDialog(Request.BYE, req -> { });
            } catch (IllegalStateException e) {
                LOG.log(Level.FINE, "BYE not answered", e);
            }
            ended(CallState.ENDED, 0, null);
        } else if (incoming) {
            ended(CallState.FAILED, 603, "Decline");
            channel.respondToInvite(603, null);
        } else {
            cancel();
        }
    }

    /**
     * CANCELs a ringing outgoing call (waits for a provisional response first, as RFC 3261 9.1 requires)
     * and waits for the call to fail with 487. If the answer wins the race, the call is ended with BYE.
     */
    public void cancel() throws InterruptedException {
        if (incoming) {
            throw new IllegalStateException("CANCEL is for outgoing calls; use hangup() on an incoming one");
        }
        awaitCondition(() -> hasProvisional() || state.isTerminal() || state == CallState.ANSWERED, REQUEST_TIMEOUT);
        if (state().isTerminal()) {
            return;
        }
        if (state() == CallState.ANSWERED) {
            hangup();
            return;
        }
        channel.cancelInvite();
        if (!awaitState(CallState.FAILED, REQUEST_TIMEOUT) && state() == CallState.ANSWERED) {
            hangup();
        }
    }

    // ---- stack callbacks: outgoing side --------------------------------------------------------------

    void onResponse(Response response, ClientTransaction tx, Dialog eventDialog) {
        SipMessageRecord record = SipMessageRecord.of(response);
        synchronized (this) {
            responses.add(record);
            notifyAll();
        }
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        int status = response.getStatusCode();
        if (Request.INVITE.equals(cseq.getMethod())) {
            if (cseq.getSeqNumber() == 1 && !incoming) {
                onInitialInviteResponse(response, record, eventDialog);
            } else if (status >= 200) {
                if (status < 300) {
                    channel.acknowledge(eventDialog, cseq.getSeqNumber(), null);
                    media.applyRemote(record);
                }
            }
        }
        if (status >= 200) {
            channel.completed(tx, response);
        }
    }

    private void onInitialInviteResponse(Response response, SipMessageRecord record, Dialog eventDialog) {
        int status = response.getStatusCode();
        if (status < 200) {
            if (status > 100) {
                if (record.hasSdp()) {
                    media.applyRemote(record);
                    advance(CallState.EARLY_MEDIA);
                } else {
                    advance(CallState.RINGING);
                }
            }
        } else if (status < 300) {
            channel.confirmedBy(eventDialog);
            if (channel.acked(1)) {
                channel.resendAck(); // a retransmitted 2xx: our ACK was lost
                return;
            }
            String answer = null;
            synchronized (this) {
                if (lateOfferPending && record.hasSdp()) {
                    answer = media.answerTo(record.body());
                }
            }
            if (answer == null) {
                media.applyRemote(record);
            }
            channel.acknowledge(null, 1, answer);
            synchronized (this) {
                finalStatus = status;
                finalReason = response.getReasonPhrase();
            }
            media.start(callId); // before ANSWERED is visible, so a test may send RFC 4733 keys at once
            advance(CallState.ANSWERED);
        } else {
            ended(CallState.FAILED, status, response.getReasonPhrase());
        }
    }

    void onTimeout(ClientTransaction tx) {
        channel.timedOut(tx);
        if (channel.isInitialInvite(tx) && !state().isTerminal() && state() != CallState.ANSWERED) {
            ended(CallState.FAILED, 408, "Request Timeout (no response, local)");
        }
    }

    private void giveUpRinging() {
        if (!incoming && !state().isTerminal() && state() != CallState.ANSWERED) {
            try {
                cancel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- stack callbacks: requests from the peer -----------------------------------------------------

    /** Applies the policy to a new incoming INVITE (on the timer thread, so delays never block the stack). */
    void answerAccordingTo(IncomingPolicy policy) {
        SipMessageRecord offer = invite;
        String answerSdp = null;
        if (offer.hasSdp()) {
            try {
                answerSdp = media.answerTo(offer.body());
            } catch (IllegalArgumentException e) {
                ended(CallState.FAILED, 400, "Bad SDP");
                channel.respondToInvite(400, null);
                return;
            }
            if (answerSdp == null) {
                ended(CallState.FAILED, 488, "Not Acceptable Here");
                channel.respondToInvite(488, null);
                return;
            }
        } else {
            synchronized (this) {
                lateOfferPending = true;
            }
        }
        String sdp = answerSdp != null ? answerSdp : media.offer();
        switch (policy.kind()) {
            case REJECT:
                ended(CallState.FAILED, policy.rejectCode(), null);
                channel.respondToInvite(policy.rejectCode(), null);
                return;
            case RING_FOREVER:
                channel.respondToInvite(180, null);
                advance(CallState.RINGING);
                return;
            case EARLY_MEDIA_THEN_ANSWER:
                channel.respondToInvite(183, sdp);
                advance(CallState.EARLY_MEDIA);
                if (answerSdp != null) {
                    media.start(callId);
                }
                break;
            default:
                channel.respondToInvite(180, null);
                advance(CallState.RINGING);
        }
        timers.schedule(() -> answerNow(sdp), policy.delay().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void answerNow(String sdp) {
        CallState now = state();
        if (now.isTerminal() || now == CallState.ANSWERED) {
            return;
        }
        boolean late;
        synchronized (this) {
            late = lateOfferPending;
        }
        if (!late) {
            media.start(callId);
        }
        synchronized (this) {
            finalStatus = 200;
            finalReason = "OK";
        }
        advance(CallState.ANSWERED); // before the 200 leaves: the caller may look at us at once
        channel.respondToInvite(200, sdp);
    }

    void onRequest(Request request, ServerTransaction tx) {
        String method = request.getMethod();
        SipMessageRecord record = SipMessageRecord.of(request);
        try {
            handle(method, request, record, tx);
        } finally {
            // recorded after its effects, so a test that saw the request also sees the state it caused
            synchronized (this) {
                requests.add(record);
                notifyAll();
            }
        }
    }

    private void handle(String method, Request request, SipMessageRecord record, ServerTransaction tx) {
        switch (method) {
            case Request.ACK:
                onAck(record);
                break;
            case Request.BYE:
                ended(CallState.ENDED, finalStatus(), finalReason());
                channel.respond(tx, request, 200, null);
                break;
            case Request.CANCEL:
                channel.respond(tx, request, 200, null);
                if (state() != CallState.ANSWERED && !state().isTerminal()) {
                    ended(CallState.FAILED, 487, "Request Terminated");
                    channel.respondToInvite(487, null);
                }
                break;
            case Request.INFO:
                onInfo(record);
                channel.respond(tx, request, 200, null);
                break;
            case Request.INVITE:
                onReinvite(request, record, tx);
                break;
            default:
                channel.respond(tx, request, Request.OPTIONS.equals(method) ? 200 : 405, null);
        }
    }

    private void onAck(SipMessageRecord ack) {
        boolean late;
        synchronized (this) {
            late = lateOfferPending;
        }
        if (late && ack.hasSdp()) {
            media.applyRemote(ack);
            synchronized (this) {
                lateOfferPending = false;
            }
            media.start(callId);
        }
    }

    private void onReinvite(Request request, SipMessageRecord record, ServerTransaction tx) {
        String answer;
        if (record.hasSdp()) {
            try {
                answer = media.answerTo(record.body());
            } catch (IllegalArgumentException e) {
                channel.respond(tx, request, 400, null);
                return;
            }
            if (answer == null) {
                channel.respond(tx, request, 488, null);
                return;
            }
        } else {
            synchronized (this) {
                lateOfferPending = true;
            }
            answer = media.offer();
        }
        channel.respond(tx, request, 200, answer);
    }

    private void onInfo(SipMessageRecord info) {
        String key = InfoDtmf.keyIn(info.contentType(), info.body());
        if (key != null) {
            synchronized (this) {
                infoDigits.append(key);
                notifyAll();
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private Response sendInDialog(String method, DialogChannel.RequestCustomizer customizer) throws InterruptedException {
        return awaitFuture(channel.send(method, customizer), REQUEST_TIMEOUT, method);
    }

    /**
     * Ends the call without waiting for the peer (used when the phone closes): BYE, CANCEL or 603 is sent
     * once, then the call is ENDED/FAILED locally and its RTP socket closed.
     */
    CompletableFuture<Response> abandon() {
        CompletableFuture<Response> answer = CompletableFuture.completedFuture(null);
        CallState now = state();
        if (now.isTerminal()) {
            return answer;
        }
        try {
            if (now == CallState.ANSWERED) {
                answer = channel.send(Request.BYE, req -> { });
            } else if (incoming) {
                channel.respondToInvite(603, null);
            } else if (hasProvisional()) {
                channel.cancelInvite();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not tell the peer that call " + callId + " ends", e);
        }
        ended(now == CallState.ANSWERED ? CallState.ENDED : CallState.FAILED, 0, "phone closed");
        return answer;
    }

    private void sendInfo(String subType, String body) throws InterruptedException {
        Response response = sendInDialog(Request.INFO,
                req -> req.setContent(body, channel.contentType("application", subType)));
        if (response.getStatusCode() >= 300) {
            throw new IllegalStateException("INFO application/" + subType + " answered " + response.getStatusCode()
                    + " " + response.getReasonPhrase());
        }
    }

    private static <T> T awaitFuture(CompletableFuture<T> future, Duration timeout, String what)
            throws InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " not completed within " + timeout, e);
        }
    }

    private synchronized boolean hasProvisional() {
        return !provisionalStatuses().isEmpty();
    }

    private void requireAnswered(String what) {
        CallState now = state();
        if (now != CallState.ANSWERED) {
            throw new IllegalStateException("cannot " + what + ": call " + callId + " is " + now);
        }
    }

    private synchronized void advance(CallState next) {
        if (state.isTerminal() || next.ordinal() < state.ordinal()) {
            return;
        }
        state = next;
        reached.add(next);
        notifyAll();
    }

    /** Terminal transition: records the status and frees the RTP socket (received audio stays readable). */
    void ended(CallState terminal, int status, String reason) {
        synchronized (this) {
            if (state.isTerminal()) {
                return;
            }
            state = terminal;
            reached.add(terminal);
            if (terminal == CallState.FAILED || finalStatus == 0) {
                finalStatus = status;
                finalReason = reason;
            }
            notifyAll();
        }
        rtp.close();
    }

    @Override
    public synchronized String toString() {
        return (incoming ? "incoming" : "outgoing") + " call " + callId + " " + state + " (final " + finalStatus
                + (finalReason == null ? "" : " " + finalReason) + ", reached " + reached + ", responses " + responses
                + ", requests " + requests + ")";
    }
}
