package org.confbridge.app.audio;

/** The upload is not audio we can convert; the message tells the user what to send instead. */
public class UnsupportedAudioException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnsupportedAudioException(String message) {
        super(message);
    }

    public UnsupportedAudioException(String message, Throwable cause) {
        super(message, cause);
    }
}
