package org.confbridge.app.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Recorded caller names under the data directory. A name is kept while its owner is in the
 * conference and while any playback of it ("X has left" after they hung up) is still running, then
 * deleted. The reference handed to the domain is the file name. Thread-safe (playbacks end on the
 * media event thread).
 */
public final class NameRecordings {

    private static final Logger LOG = Logger.getLogger(NameRecordings.class.getName());

    private final Path directory;
    /** Open uses per name: one for the owner, one per running playback. */
    private final Map<String, Integer> uses = new HashMap<>();

    public NameRecordings(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
            // Names of a previous run belong to calls that no longer exist.
            try (var stale = Files.newDirectoryStream(directory, "name-*.wav")) {
                for (Path file : stale) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the name recordings directory " + directory, e);
        }
    }

    /** A new, unused file to record into. */
    public Path newFile() {
        return directory.resolve("name-" + UUID.randomUUID() + ".wav");
    }

    /** Registers a finished recording, owned by its caller; returns its reference. */
    public synchronized String keep(Path file) {
        String reference = file.getFileName().toString();
        uses.put(reference, 1);
        return reference;
    }

    /** The file of a kept name, or null when it is gone. */
    public synchronized Path acquire(String reference) {
        Integer count = uses.get(reference);
        if (count == null) {
            return null;
        }
        uses.put(reference, count + 1);
        return directory.resolve(reference);
    }

    /** Ends one use (a playback ended, or the owner left); the last one deletes the file. */
    public synchronized void release(String reference) {
        Integer count = uses.get(reference);
        if (count == null) {
            return;
        }
        if (count > 1) {
            uses.put(reference, count - 1);
            return;
        }
        uses.remove(reference);
        discard(directory.resolve(reference));
    }

    /** Deletes a recording nobody will play (empty, failed, or its caller already gone). */
    public void discard(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete name recording " + file, e);
        }
    }

    /** Number of names still kept (for tests and health). */
    public synchronized int kept() {
        return uses.size();
    }
}
