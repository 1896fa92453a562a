/**
 * End-to-end audio tests against the packaged server: test phones dial conferences over real SIP and
 * RTP, each sends its own tone, and what each receives is measured (Goertzel): who hears whom, mute,
 * hold, ports released. {@link org.confbridge.server.media.ConferenceFixture} creates conferences and
 * sounds over REST and dials in.
 */
package org.confbridge.server.media;
