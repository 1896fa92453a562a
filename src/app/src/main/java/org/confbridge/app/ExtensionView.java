package org.confbridge.app;

/** An extension as the API shows it. */
public record ExtensionView(long id, long clientId, String name, String type, String label) {
}
