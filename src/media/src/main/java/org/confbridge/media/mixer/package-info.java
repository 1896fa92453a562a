/**
 * Conference mixing primitives, modelled on pjmedia's conference bridge and Asterisk's softmix:
 * one 20 ms clock, one 32-bit sum per room, each listener gets the sum minus its own
 * contribution, clipped to 16 bits once at the end (cost linear in participants).
 *
 * <p>May contain: the mixing kernel, the clock, talk detection. Knows only linear PCM frames:
 * nothing of RTP, codecs, SIP or conference rules.
 */
package org.confbridge.media.mixer;
