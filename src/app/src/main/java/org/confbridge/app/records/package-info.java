/**
 * Call records: every finished conference (start, end, peak participants) with its participants (number,
 * name, role, origin, joined, left, reason, time talking), collected from the conference events on the
 * bus's thread (map updates only) and written to the database by a thread of its own when the conference
 * ends.
 */
package org.confbridge.app.records;
