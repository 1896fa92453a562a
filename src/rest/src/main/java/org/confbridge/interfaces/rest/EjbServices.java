package org.confbridge.interfaces.rest;

import java.util.List;
import java.util.function.Supplier;
import javax.inject.Singleton;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.ws.rs.core.Feature;
import javax.ws.rs.core.FeatureContext;
import javax.ws.rs.ext.Provider;
import org.confbridge.app.ApplicationService;
import org.confbridge.app.ClientService;
import org.confbridge.app.ConferencePropertiesService;
import org.confbridge.app.ExtensionService;
import org.confbridge.app.SoundService;
import org.confbridge.app.TokenService;
import org.confbridge.app.moderation.LiveConferenceService;
import org.confbridge.app.recording.RecordingService;
import org.glassfish.jersey.internal.inject.AbstractBinder;

/**
 * Makes the application's EJB services injectable into resources (constructor {@code @Inject}).
 * Each is looked up once, lazily, by its portable global JNDI name; the proxies of stateless
 * beans are thread-safe, so one per service is enough.
 */
@Provider
public class EjbServices implements Feature {

    /** {@code java:global/<application>/<module>/}: inside the EAR, and as a stand-alone module. */
    private static final List<String> PREFIXES = List.of(
            "java:global/confbridge/confbridge-app/",
            "java:global/confbridge-app/");

    @Override
    public boolean configure(FeatureContext context) {
        context.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bindEjb(this, TokenService.class);
                bindEjb(this, ApplicationService.class);
                bindEjb(this, ClientService.class);
                bindEjb(this, ExtensionService.class);
                bindEjb(this, ConferencePropertiesService.class);
                bindEjb(this, SoundService.class);
                bindEjb(this, RecordingService.class);
                bindEjb(this, LiveConferenceService.class);
            }
        });
        return true;
    }

    private static <T> void bindEjb(AbstractBinder binder, Class<T> type) {
        binder.bindFactory(new Lookup<>(type)).to(type).in(Singleton.class);
    }

    /** Looks a no-interface EJB view up by its simple bean name. */
    static final class Lookup<T> implements Supplier<T> {
        private final Class<T> type;

        Lookup(Class<T> type) {
            this.type = type;
        }

        @Override
        public T get() {
            NamingException last = null;
            for (String prefix : PREFIXES) {
                String bean = prefix + type.getSimpleName();
                for (String name : List.of(bean + "!" + type.getName(), bean)) {
                    try {
                        return type.cast(new InitialContext().lookup(name));
                    } catch (NamingException e) {
                        last = e;
                    }
                }
            }
            throw new IllegalStateException("EJB " + type.getSimpleName() + " not found in JNDI under " + PREFIXES,
                    last);
        }
    }
}
