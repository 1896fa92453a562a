/**
 * Outbound invite calls ({@code *8} and REST), seen from the application: the {@link
 * org.confbridge.app.invite.InviteDialer} port that the live registry asks to place or abandon a call,
 * implemented by the SIP module (which reports progress back to the registry), and the server-wide
 * invite settings.
 *
 * <p>May contain: the port interface, its small value types and settings. No SIP types: the protocol
 * lives in {@code org.confbridge.interfaces.sip.invite}.
 */
package org.confbridge.app.invite;
