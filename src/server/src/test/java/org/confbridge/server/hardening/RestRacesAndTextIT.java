package org.confbridge.server.hardening;

import org.confbridge.server.RunningServer;
import org.confbridge.server.SharedServer;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link RaceAndTextAttacks} against the shared packaged server on its default H2 database. */
@ExtendWith(SharedServer.class)
class RestRacesAndTextIT extends RaceAndTextAttacks {

    RestRacesAndTextIT(RunningServer server) {
        super(server.baseUrl());
    }
}
