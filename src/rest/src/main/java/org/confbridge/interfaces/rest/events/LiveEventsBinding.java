package org.confbridge.interfaces.rest.events;

import java.util.List;
import java.util.function.Supplier;
import javax.inject.Singleton;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.ws.rs.core.Feature;
import javax.ws.rs.core.FeatureContext;
import javax.ws.rs.ext.Provider;
import org.confbridge.app.config.Settings;
import org.confbridge.app.events.ConferenceEvents;
import org.confbridge.app.live.LiveConferences;
import org.confbridge.app.records.ConferenceRecordStore;
import org.confbridge.app.webhooks.WebhookService;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.spi.Container;
import org.glassfish.jersey.server.spi.ContainerLifecycleListener;

/**
 * Makes the live conferences' event bus, the open streams, the webhook service and the call
 * records injectable. The bus is reached through the
 * {@link LiveConferences} singleton bean, looked up once, lazily, by its portable global JNDI name..
 */
@Provider
public class LiveEventsBinding implements Feature {

    private static final List<String> PREFIXES = List.of(
            "java:global/confbridge/confbridge-app/",
            "java:global/confbridge-app/");

    @Override
    public boolean configure(FeatureContext context) {
        EventStreams streams = new EventStreams(Settings.current().number("http.timeout.ms", 10_000, 100, 600_000));
        context.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bindFactory(new BusLookup()).to(ConferenceEvents.class).in(Singleton.class);
                bind(streams).to(EventStreams.class);
                bindFactory(() -> lookup(WebhookService.class)).to(WebhookService.class).in(Singleton.class);
                bindFactory(() -> lookup(ConferenceRecordStore.class)).to(ConferenceRecordStore.class)
                        .in(Singleton.class);
            }
        });
        context.register(new ContainerLifecycleListener() {
            @Override
            public void onStartup(Container container) {
            }

            @Override
            public void onReload(Container container) {
            }

            @Override
            public void onShutdown(Container container) {
                streams.close();
            }
        });
        return true;
    }

    /** The bus of the {@link LiveConferences} bean. */
    static final class BusLookup implements Supplier<ConferenceEvents> {
        @Override
        public ConferenceEvents get() {
            return lookup(LiveConferences.class).events();
        }
    }

    /** A no-interface EJB view by its portable global JNDI name. */
    public static <T> T lookup(Class<T> type) {
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
        throw new IllegalStateException("EJB " + type.getSimpleName() + " not found in JNDI under " + PREFIXES, last);
    }
}
