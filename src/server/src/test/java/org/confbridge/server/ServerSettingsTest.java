package org.confbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        ServerSettings settings = ServerSettings.resolve(Map.of(), new Properties());

        assertThat(settings.sipPort()).isEqualTo(5080);
        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(settings.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
        assertThat(settings.databaseUrl()).startsWith("jdbc:h2:file:" + settings.dataDir().resolve("db"));
    }

    @Test
    void environmentOverridesTheFileWhichOverridesDefaults() {
        Properties file = new Properties();
        file.setProperty("sip.port", "5090");
        file.setProperty("http.port", "8090");
        ServerSettings settings = ServerSettings.resolve(Map.of("CONF_SIP_PORT", "6000", "PATH", "/bin"), file);

        assertThat(settings.sipPort()).isEqualTo(6000);
        assertThat(settings.httpPort()).isEqualTo(8090);
        assertThat(settings.asMap()).doesNotContainKey("path");
    }

    @Test
    void emptyValuesMeanTheDefault() {
        Properties file = new Properties();
        file.setProperty("db.url", "");
        ServerSettings settings = ServerSettings.resolve(Map.of("CONF_HTTP_PORT", " "), file);

        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.databaseUrl()).startsWith("jdbc:h2:file:");
    }

    @Test
    void aBadPortNamesTheVariable() {
        ServerSettings settings = ServerSettings.resolve(Map.of("CONF_SIP_PORT", "50x"), new Properties());

        assertThatThrownBy(settings::sipPort).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("CONF_SIP_PORT").hasMessageContaining("'50x'");
    }

    @Test
    void environmentNamesMapToKeys() {
        assertThat(ServerSettings.keyOf("CONF_RTP_PORT_MIN")).isEqualTo("rtp.port.min");
        assertThat(ServerSettings.environmentNameOf("db.password")).isEqualTo("CONF_DB_PASSWORD");
    }

    @Test
    void jdbcPasswordsAreNeverLogged() {
        assertThat(EjbContainer.redacted("jdbc:postgresql://h/db?user=u&password=secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
    }
}
