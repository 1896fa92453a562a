/**
 * The configuration REST API (JAX-RS 2.1 on Jersey 2, javax). This package holds what every
 * resource shares: the bearer-token filter (RFC 6750), JSON settings, exception mappers that turn
 * every failure into a JSON body with the right status, and the binding of the application's EJB
 * services into Jersey's injector. Resources live in sub-packages ({@code oauth}: RFC 6749 token
 * endpoint, {@code api}: {@code /api/ver1.0/...}, {@code browser}: OpenAPI document and Swagger UI,
 * {@code health}). Resources only parse, validate, delegate to {@code org.confbridge.app} and map.
 */
package org.confbridge.interfaces.rest;
