package org.confbridge.app.events;

/** A failure in one log line (its root cause), for the event consumers' retry loops. */
public final class Failures {

    private static final int MAX_MESSAGE = 200;

    private Failures() {
    }

    /** {@code SimpleName: message} of the innermost cause, the message cut at 200 characters. */
    public static String oneLine(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        return cause.getClass().getSimpleName() + ": " + message.substring(0, Math.min(MAX_MESSAGE, message.length()));
    }
}
