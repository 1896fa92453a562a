/**
 * Logging of the embedded server: one bounded, rotated log file, log4j and the SIP stack's logger routed to
 * java.util.logging, hostile input made harmless (byte dumps, control characters, size) and floods summarized.
 */
package org.confbridge.server.logging;
