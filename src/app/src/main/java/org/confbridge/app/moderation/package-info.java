/**
 * Live conferences as a client's administrator sees them over REST: who is in them, and the moderator
 * actions (mute one or all, lock, join notifications, remove, invite with the rules of {@code *8}).
 *
 * <p>May contain: the {@code @Stateless} service that checks the extension belongs to the calling
 * client (another client's conferences look like missing ones, 404) and then asks the live registry,
 * and its value types. The rules stay in {@code org.confbridge.domain}.
 */
package org.confbridge.app.moderation;
