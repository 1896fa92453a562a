/**
 * Call records of a client ({@code /api/ver1.0/client/{client_id}/conference-records}): finished conferences
 * with their participants, filtered and paged as JSON, or exported as CSV (RFC 4180), one row per
 * participant.
 */
package org.confbridge.interfaces.rest.records;
