/**
 * Speech codecs and the sample-rate conversion around them: G.711 (ITU-T G.711, mu-law and A-law, table
 * driven), G.722 at 64 kbit/s (ITU-T G.722, written from the recommendation), Opus (RFC 6716, through the
 * Concentus library), and 2:1 half-band resamplers between the mixer's 8 kHz and the wideband codecs' 16 kHz.
 *
 * <p>May contain: pure conversions between 16-bit linear PCM and codec payloads or other sample rates.
 * Must not contain: I/O, threads, RTP. The G.711 tables are immutable and thread-safe; a
 * {@link org.confbridge.media.codec.FrameEncoder}, {@link org.confbridge.media.codec.FrameDecoder} or resampler
 * with memory (G.722, Opus, {@link org.confbridge.media.codec.Upsampler2x},
 * {@link org.confbridge.media.codec.Downsampler2x}) belongs to one stream and one thread.
 */
package org.confbridge.media.codec;
