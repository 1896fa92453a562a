/**
 * Conversion of uploaded sound files (WAV PCM 8/16/24-bit, any rate, mono or stereo; MP3 through
 * the javax.sound SPI of mp3spi) to what the media engine plays: 8 kHz, mono, signed 16-bit
 * little-endian PCM. Resampling is band-limited (windowed-sinc low-pass), never sample dropping.
 * Pure functions over byte arrays; no container types.
 */
package org.confbridge.app.audio;
