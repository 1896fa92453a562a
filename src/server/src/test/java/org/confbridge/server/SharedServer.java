package org.confbridge.server;

import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one embedded server (H2, default test settings) shared by every test class of
 * the run that asks for a {@link RunningServer} parameter; stopped when the run ends. Start-up costs
 * seconds, so suites share it; tests that need their own settings start their own.
 */
public final class SharedServer implements ParameterResolver {

    private static final String KEY = SharedServer.class.getName();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, key -> new Handle(RunningServer.start(Map.of())), Handle.class)
                .server;
    }

    /** Closes the server when JUnit closes the root store. */
    private static final class Handle implements ExtensionContext.Store.CloseableResource {
        final RunningServer server;

        Handle(RunningServer server) {
            this.server = server;
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
