package org.confbridge.media.player;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in voice prompts, read once from the classpath at {@code /prompts/<name>.wav} and
 * kept decoded in memory (a few hundred KB in all). Thread-safe.
 */
public final class PromptLibrary {
    private final ClassLoader classLoader;
    private final Map<String, PcmClip> cache = new ConcurrentHashMap<>();

    public PromptLibrary(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** The prompt's audio; IOException names the prompt if it is missing or unreadable. */
    public PcmClip get(String name) throws IOException {
        PcmClip cached = cache.get(name);
        if (cached != null) {
            return cached;
        }
        String resource = "prompts/" + name + ".wav";
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no built-in prompt '" + name + "' (" + resource + " not on the classpath)");
            }
            PcmClip clip = WavFiles.readClip(new java.io.BufferedInputStream(in), resource);
            cache.put(name, clip);
            return clip;
        }
    }
}
