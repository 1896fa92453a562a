package org.confbridge.interfaces.sip;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.confbridge.app.config.Settings;
import org.junit.jupiter.api.Test;

/** CONF_SIP_TRUSTED_PROXIES takes address literals only: a name would mean a DNS look-up and a guess. */
class CallerSourceTest {

    private static CallerSource from(String proxies) {
        return CallerSource.fromSettings(Settings.from(new Properties(), Map.of("CONF_SIP_TRUSTED_PROXIES", proxies)));
    }

    @Test
    void addressesSeparatedByCommasOrSpacesAreAccepted() {
        assertThatCode(() -> from("127.0.0.1, 10.1.2.3 ::1,fd00::5")).doesNotThrowAnyException();
    }

    @Test
    void aHostNameOrABrokenAddressIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> from("127.0.0.1,kamailio.example.net"))
                .hasMessageContaining("CONF_SIP_TRUSTED_PROXIES").hasMessageContaining("kamailio.example.net");
        assertThatThrownBy(() -> from("300.1.1.1")).hasMessageContaining("CONF_SIP_TRUSTED_PROXIES");
    }
}
