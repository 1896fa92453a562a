package org.confbridge.app.moderation;

import org.confbridge.app.live.LiveConferenceView;

/** A client's live conference: its extension's number and the live state. */
public record LiveConferenceSummary(String number, LiveConferenceView state) {
}
