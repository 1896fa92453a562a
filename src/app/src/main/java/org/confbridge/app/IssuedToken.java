package org.confbridge.app;

import java.time.Duration;

/** A bearer token just issued; the token text exists only here and in the response. */
public record IssuedToken(String accessToken, Duration expiresIn) {
}
