/**
 * OAuth 2.0 token endpoint, client credentials grant only (RFC 6749 sections 4.4 and 5).
 * Served at {@code /oauth/token} (the web module maps Jersey at {@code /oauth/*}).
 */
package org.confbridge.interfaces.rest.oauth;
