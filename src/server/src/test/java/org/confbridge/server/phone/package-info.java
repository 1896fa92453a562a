/**
 * End-to-end tests of the conference on the phone (issue 5): PIN and roles, admission, announcements,
 * music on hold, the keys, state and concurrency, each checked by what a caller hears.
 * {@link org.confbridge.server.phone.Transcriber} turns received audio into words (built-in prompts by
 * their energy envelope, tones by frequency); {@link org.confbridge.server.phone.Caller} drives one call.
 */
package org.confbridge.server.phone;
