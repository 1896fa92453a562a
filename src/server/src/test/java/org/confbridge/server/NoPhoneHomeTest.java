package org.confbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.restcomm.commons.statistics.reporter.RestcommStatsReporter;

/** The statistics library Restcomm links against is ours (inert), never Restcomm's phone-home one. */
class NoPhoneHomeTest {

    @Test
    void theStatisticsReporterOnTheClassPathIsTheInertOne() {
        assertThat(RestcommStatsReporter.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .as("where the reporter class comes from").doesNotContain("restcomm-statistics");
        assertThat(getClass().getClassLoader()
                .getResource("META-INF/maven/org.restcomm.commons/restcomm-statistics/pom.properties"))
                .as("the restcomm-statistics jar on the class path").isNull();
    }

    @Test
    void theInertReporterHasNoStateToSend() {
        assertThat(Arrays.stream(RestcommStatsReporter.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) || !f.isSynthetic())).isEmpty();
        for (Method method : RestcommStatsReporter.class.getDeclaredMethods()) {
            assertThat(method.getName()).isIn("getMetricRegistry", "getRestcommStatsReporter", "setProjectName",
                    "setProjectType", "setRemoteServer", "setVersion", "start", "stop");
        }
    }
}
