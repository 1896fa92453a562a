/**
 * The media side of live conferences: the media engine's lifecycle inside the server and the
 * translation of the conference's audio instructions into media engine calls.
 *
 * <p>May contain: the {@code @Singleton @Startup} bean that owns the {@link org.confbridge.media.MediaEngine}
 * ({@link org.confbridge.app.media.MediaServer}), its settings, the resolution of the domain's
 * {@link org.confbridge.domain.conference.Audio} into playable {@link org.confbridge.media.Announcement}s
 * (built-in prompts from the classpath, uploaded sounds read ahead from the sound store, recorded names from the
 * data directory), the bookkeeping of name recordings, and the per-conference audio state that carries out
 * {@link org.confbridge.domain.conference.Instruction}s. No rules: what to play and when is the domain's.
 *
 * <p>Threading: {@link org.confbridge.app.media.ConferenceAudio} is confined to its conference's loop (see
 * {@code org.confbridge.app.live}). Media callbacks (keys, ends of prompts and recordings, media timeouts)
 * arrive on the engine's event thread and are handed to that loop, in order; the engine's thread never waits.
 * Uploaded sounds are read from the store before they reach a loop ({@link org.confbridge.app.media.AudioCatalog#load}).
 */
package org.confbridge.app.media;
