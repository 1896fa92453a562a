package org.confbridge.app;

/**
 * Who is calling the API: the authenticated application and the client (tenant) it acts for.
 * Administrator applications may also create clients and manage applications of any client.
 */
public record ApiCaller(long applicationId, long clientId, boolean administrator) {

    /** Throws 404-style when a non-administrator names another client. */
    public void requireAccessTo(long pathClientId) {
        if (pathClientId != clientId) {
            throw new ResourceNotFoundException("client", pathClientId);
        }
    }
}
