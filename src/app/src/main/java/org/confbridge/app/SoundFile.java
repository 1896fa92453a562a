package org.confbridge.app;

/** Bytes of a sound for download or playback. */
public record SoundFile(String filename, String contentType, byte[] data) {
}
