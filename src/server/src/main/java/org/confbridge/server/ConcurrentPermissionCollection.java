package org.confbridge.server;

import java.security.Permission;
import java.security.PermissionCollection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The permission collection of OpenEJB's JACC policy (option {@code openejb.permission-collection.class}):
 * OpenEJB checks an {@code EJBMethodPermission} against it on every business method call. OpenEJB's own
 * collection answers from a cache too, but under one monitor per collection: every EJB call of every thread
 * (SIP, REST, conference loops) queued there, and under load on two cores a thread preempted while holding it
 * stalled all the others (half of a dial-in's time at 100 calls/s). This one answers the same (a permission is
 * implied when one of those added implies it; answers are remembered, at most {@link #MAX_REMEMBERED}) without
 * a lock. Permissions are added while the application deploys; an addition forgets the answers given so far.
 */
public final class ConcurrentPermissionCollection extends PermissionCollection {

    private static final long serialVersionUID = 1L;
    /** Distinct permissions whose answer is kept (one per bean method called); beyond that the answers start over. */
    static final int MAX_REMEMBERED = 3000;

    private final Set<Permission> permissions = ConcurrentHashMap.newKeySet();
    private final Map<Permission, Boolean> answers = new ConcurrentHashMap<>();

    @Override
    public void add(Permission permission) {
        if (isReadOnly()) {
            throw new SecurityException("read-only permission collection");
        }
        permissions.add(permission);
        answers.clear();
    }

    @Override
    public boolean implies(Permission permission) {
        Boolean known = answers.get(permission);
        if (known != null) {
            return known;
        }
        boolean implied = false;
        for (Permission p : permissions) {
            if (p.implies(permission)) {
                implied = true;
                break;
            }
        }
        if (answers.size() >= MAX_REMEMBERED) {
            answers.clear();
        }
        answers.put(permission, implied);
        return implied;
    }

    @Override
    public Enumeration<Permission> elements() {
        return Collections.enumeration(new ArrayList<>(permissions));
    }
}
