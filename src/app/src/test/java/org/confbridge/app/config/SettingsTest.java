package org.confbridge.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.confbridge.app.AppConfig;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void oneNamingSchemeForEnvironmentAndSystemProperties() {
        Properties system = new Properties();
        system.setProperty("confbridge.token.ttl.seconds", "60");
        Settings settings = Settings.from(system, Map.of("CONF_MAX_MEMBERS_CEILING", "50"));

        assertThat(settings.get("token.ttl.seconds")).contains("60");
        assertThat(settings.get("max.members.ceiling")).contains("50");
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironmentAndBlankMeansUnset() {
        Properties system = new Properties();
        system.setProperty("confbridge.data.dir", "/srv/conf");
        system.setProperty("confbridge.admin.client.id", " ");
        Settings settings = Settings.from(system, Map.of("CONF_DATA_DIR", "/elsewhere", "CONF_ADMIN_CLIENT_ID", "x"));

        assertThat(settings.dataDir()).isEqualTo(Path.of("/srv/conf"));
        assertThat(settings.get("admin.client.id")).contains("x");
    }

    @Test
    void appConfigTakesTheDataDirectoryFromTheSystemPropertyTheLauncherPublishes() {
        Properties system = new Properties();
        system.setProperty("confbridge.data.dir", "relative/data");
        system.setProperty("confbridge.token.ttl.seconds", "120");
        AppConfig config = AppConfig.from(Settings.from(system, Map.of()));

        assertThat(config.dataDir().isAbsolute()).isTrue();
        assertThat(config.dataDir().endsWith(Path.of("relative/data"))).isTrue();
        assertThat(config.tokenLifetime()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.maxMembersCeiling()).isEqualTo(1000);
        assertThat(config.adminClientId()).isNull();
    }

    @Test
    void aBadNumberNamesTheVariable() {
        Settings settings = Settings.from(new Properties(), Map.of("CONF_TOKEN_TTL_SECONDS", "soon"));

        assertThatThrownBy(() -> AppConfig.from(settings))
                .hasMessageContaining("CONF_TOKEN_TTL_SECONDS (token.ttl.seconds) must be a whole number");
    }
}
