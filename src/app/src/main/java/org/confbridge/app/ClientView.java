package org.confbridge.app;

/** A client (tenant). */
public record ClientView(long id, String name, String sipDomain, boolean defaultClient) {
}
