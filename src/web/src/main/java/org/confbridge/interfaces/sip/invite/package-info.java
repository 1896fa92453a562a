/**
 * Outbound invite calls (the application as user agent client, RFC 3261): an INVITE through the
 * configured trunk ({@code trunk.uri}: Request-URI {@code sip:<number>@<trunk host:port>}, caller ID
 * {@code invite.caller.id}) with our SDP offer (RFC 3264), progress from 180/183, ACK and entry into
 * the conference on 200, CANCEL when the invite is abandoned, BYE either way once answered.
 *
 * <p>May contain: the {@link org.confbridge.app.invite.InviteDialer} implementation registered with the
 * live registry at start, the servlet that receives the responses and in-dialog requests of these
 * calls, their per-call state and the mapping of SIP failures to invite outcomes. Nothing is left
 * half-open: every path ends with the media leg closed and, once answered, a BYE.
 */
package org.confbridge.interfaces.sip.invite;
