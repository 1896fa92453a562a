package org.confbridge.app.records;

import java.util.List;

/** One page of records, newest first; {@code total} match the filter. */
public record RecordPage(List<ConferenceRecordView> items, long total, int offset, int limit) {
}
