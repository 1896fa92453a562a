package org.confbridge.media.srtp;

import java.util.Objects;

/**
 * The keys of one SRTP stream pair after SDES negotiation: {@code local} protects what we send, {@code remote}
 * (the peer's) unprotects what we receive. Both use the same suite.
 */
public record SrtpKeys(SdesCrypto local, SdesCrypto remote) {

    public SrtpKeys {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        if (local.suite() != remote.suite()) {
            throw new IllegalArgumentException("local and remote keys must use one suite");
        }
    }

    public SrtpSuite suite() {
        return local.suite();
    }
}
