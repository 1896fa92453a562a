/**
 * End-to-end attacks on the packaged server's REST side (issue 10): races, hostile text, token
 * guessing, a full disk and a database outage; each test then proves a normal REST call still works.
 */
package org.confbridge.server.hardening;
