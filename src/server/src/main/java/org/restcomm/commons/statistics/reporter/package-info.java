/**
 * A no-op replacement for the phone-home statistics reporter that Restcomm SIP Servlets links against
 * (see {@link org.restcomm.commons.statistics.reporter.RestcommStatsReporter}). Contains nothing else.
 */
package org.restcomm.commons.statistics.reporter;
