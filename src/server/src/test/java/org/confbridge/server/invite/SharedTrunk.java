package org.confbridge.server.invite;

import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one server with a gateway phone as its trunk ({@link InviteTrunk}), shared by the
 * invite test classes of a run and closed when the run ends. The gateway's answer policy is set by each
 * test, so these tests run one after the other (JUnit's default).
 */
public final class SharedTrunk implements ParameterResolver {

    private static final String KEY = SharedTrunk.class.getName();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == InviteTrunk.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, key -> new Handle(start()), Handle.class).trunk;
    }

    private static InviteTrunk start() {
        try {
            return InviteTrunk.start(Map.of());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the server with a test trunk", e);
        }
    }

    private static final class Handle implements ExtensionContext.Store.CloseableResource {
        final InviteTrunk trunk;

        Handle(InviteTrunk trunk) {
            this.trunk = trunk;
        }

        @Override
        public void close() {
            trunk.close();
        }
    }
}
