package org.confbridge.app.live;

import java.util.List;
import java.util.function.Supplier;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.Lock;
import javax.ejb.LockType;
import javax.ejb.Singleton;

/**
 * The SIP listening points as the SIP container reports them, for the health check. The SIP
 * adapter registers where to read them (the container's own, always current list) when it starts.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.CONTAINER)
public class ListeningPoints {

    private Supplier<List<SipListeningPoint>> source = List::of;

    /** Called by the SIP adapter once its context is up. */
    @Lock(LockType.WRITE)
    public void readFrom(Supplier<List<SipListeningPoint>> containerView) {
        source = containerView;
    }

    /** The points the SIP container listens on now; empty when no SIP adapter has registered. */
    @Lock(LockType.READ)
    public List<SipListeningPoint> current() {
        return List.copyOf(source.get());
    }
}
