package org.confbridge.interfaces.rest;

import org.junit.jupiter.api.AfterAll;

/** The HTTP suite against the in-process server on H2. */
class InProcessConfigurationApiTest extends ConfigurationApiSuite {

    private InProcessServer server;

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected String baseUrl() {
        if (server == null) { // started on first use: the suite's @BeforeAll runs before ours
            server = InProcessServer.start("jdbc:h2:mem:rest-suite;DB_CLOSE_DELAY=-1");
        }
        return server.baseUrl();
    }
}
