package org.confbridge.interfaces.rest.oauth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** RFC 6749 section 5.1 successful response. */
public record TokenResponse(@JsonProperty("access_token") String accessToken,
                            @JsonProperty("token_type") String tokenType,
                            @JsonProperty("expires_in") long expiresIn) {
}
