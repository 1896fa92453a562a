/**
 * Resources under {@code /api/ver1.0/client/{client_id}/...} ({@code @me} = the caller's client) and
 * their JSON DTOs, whose field names are exactly the seed's snake_case names. Field syntax is
 * checked with Bean Validation on the DTOs; rules that need stored data are the services'.
 */
package org.confbridge.interfaces.rest.api;
