package org.confbridge.server.rest;

import org.confbridge.interfaces.rest.ConfigurationApiSuite;
import org.confbridge.server.RunningServer;
import org.confbridge.server.SharedServer;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole REST suite against the packaged server on its default H2 database. */
@ExtendWith(SharedServer.class)
class ConfigurationApiIT extends ConfigurationApiSuite {

    private final RunningServer server;

    ConfigurationApiIT(RunningServer server) {
        this.server = server;
    }

    @Override
    protected String baseUrl() {
        return server.baseUrl();
    }

    @Override
    protected String adminClientId() {
        return RunningServer.ADMIN_CLIENT_ID;
    }

    @Override
    protected String adminClientSecret() {
        return RunningServer.ADMIN_CLIENT_SECRET;
    }
}
