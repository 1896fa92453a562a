package org.confbridge.app.media;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.confbridge.media.MediaLegListener;

/**
 * A leg's listener from the moment it is allocated until the call joins its conference: keys pressed
 * right after the answer (a PIN typed while the 200 OK is still on its way) are kept and handed over,
 * in order, when the real listener is attached. Thread-safe: events come on the media event thread,
 * the attach from the live registry.
 */
final class EarlyEvents implements MediaLegListener {

    private final List<Consumer<MediaLegListener>> pending = new ArrayList<>();
    private MediaLegListener target;

    /** From now on events go to {@code listener}; the ones kept so far go first. */
    synchronized void attach(MediaLegListener listener) {
        target = listener;
        pending.forEach(event -> event.accept(listener));
        pending.clear();
    }

    @Override
    public synchronized void onDigit(char digit) {
        deliver(listener -> listener.onDigit(digit));
    }

    @Override
    public synchronized void onTalking(boolean talking) {
        if (target != null) {
            target.onTalking(talking); // a talk state from before the join is stale: not kept
        }
    }

    @Override
    public synchronized void onMediaTimeout() {
        deliver(MediaLegListener::onMediaTimeout);
    }

    private void deliver(Consumer<MediaLegListener> event) {
        if (target == null) {
            pending.add(event);
        } else {
            event.accept(target);
        }
    }
}
