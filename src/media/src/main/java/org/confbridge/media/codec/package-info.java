/**
 * G.711 speech codecs (ITU-T G.711: mu-law and A-law), table driven.
 *
 * <p>May contain: pure sample-format conversions between 16-bit linear PCM and G.711 bytes.
 * Must not contain: I/O, threads, RTP. Every class here is immutable and thread-safe.
 */
package org.confbridge.media.codec;
