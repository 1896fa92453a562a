package org.confbridge.server;

import java.util.Optional;

/**
 * The Java versions the embedded server runs on. OpenEJB 8 installs a security policy at start, which Java 24
 * and later refuse (the Security Manager is gone), so those die deep inside the EJB container; Java 16 and
 * earlier cannot load the classes. Checked first thing, so the operator reads one line instead.
 */
final class JavaVersionCheck {

    static final int OLDEST = 17;
    static final int NEWEST = 23;
    static final String SUPPORTED = "Java " + OLDEST + " to " + NEWEST + " (tested on 17)";

    private JavaVersionCheck() {
    }

    /** The problem with this Java version, or empty when it is supported. */
    static Optional<String> problem(Runtime.Version version, String javaHome) {
        int feature = version.feature();
        if (feature >= OLDEST && feature <= NEWEST) {
            return Optional.empty();
        }
        return Optional.of("confbridge needs " + SUPPORTED + ", but this is Java " + version + " (" + javaHome
                + "); run it with a supported java, e.g. /usr/lib/jvm/java-17-openjdk-amd64/bin/java -jar ...");
    }
}
