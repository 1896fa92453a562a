package org.confbridge.app;

/**
 * For the beans' plain entry points (e.g. {@link ConferenceDirectory#lookup()}), which the web module calls without
 * the EJB container: the container runs a bean's method with the EJB module's class loader as the thread's context
 * class loader, and so must they, or a thread the call starts (a conference loop, say) would keep the web
 * application's class loader, which its container then reports as a leak when it stops.
 */
public final class ModuleThreads {

    private ModuleThreads() {
    }

    /** Makes {@code bean}'s class loader the current thread's context class loader; returns the one to restore. */
    public static ClassLoader enter(Class<?> bean) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        ClassLoader module = bean.getClassLoader();
        if (before != module) {
            thread.setContextClassLoader(module);
        }
        return before;
    }

    /** Gives the thread back the context class loader {@link #enter} returned. */
    public static void leave(ClassLoader before) {
        Thread thread = Thread.currentThread();
        if (thread.getContextClassLoader() != before) {
            thread.setContextClassLoader(before);
        }
    }
}
