package org.confbridge.media;

/** A media resource could not be created (no free RTP port, socket error, engine stopped). */
public class MediaException extends Exception {
    private static final long serialVersionUID = 1L;

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }

    public MediaException(String message) {
        super(message);
    }
}
