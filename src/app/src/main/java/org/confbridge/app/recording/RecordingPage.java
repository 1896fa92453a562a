package org.confbridge.app.recording;

import java.util.List;

/** One page of a recording listing: {@code total} recordings match the query. */
public record RecordingPage(List<RecordingView> items, long total, int offset, int limit) {

    public RecordingPage {
        items = List.copyOf(items);
    }
}
