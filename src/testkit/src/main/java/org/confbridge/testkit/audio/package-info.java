/**
 * Audio analysis usable on any 16-bit linear PCM: what the test phone received, a recording made by
 * the server, a WAV file. Tone levels by the Goertzel algorithm (one DFT bin at an arbitrary frequency,
 * Hann-windowed), RMS level, and WAV reading/writing through javax.sound.
 *
 * <p>Levels are in dBFS where full scale is a sample value of 32768: a sine of amplitude 3277 has a
 * tone level of -20 dBFS and an RMS level of about -23 dBFS. Nothing here knows about SIP or RTP.
 */
package org.confbridge.testkit.audio;
