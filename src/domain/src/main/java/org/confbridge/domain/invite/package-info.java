/**
 * Values for inviting an external number into a conference ({@code *8} or REST):
 * the validated {@link InviteNumber}, the {@link InviteId} the adapter uses to report progress,
 * and how an outbound call can fail ({@link InviteFailure}). The bookkeeping of pending invites
 * and what the inviter hears is decided by {@code org.confbridge.domain.conference.Conference}.
 */
package org.confbridge.domain.invite;
