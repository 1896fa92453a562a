/**
 * The API browser: the OpenAPI 3 document generated at run time from the registered JAX-RS
 * resources (swagger-core's reader; never a hand-kept copy) and Swagger UI served from its webjar,
 * configured to load that document and to authorize with the OAuth2 client credentials flow.
 * Both answer without a token.
 */
package org.confbridge.interfaces.rest.browser;
