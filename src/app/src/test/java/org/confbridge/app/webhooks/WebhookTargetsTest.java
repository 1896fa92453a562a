package org.confbridge.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Which webhook URLs the server refuses to call (literal addresses only: no name lookups in a unit test). */
class WebhookTargetsTest {

    private static boolean refused(WebhookTargets targets, String url) {
        return targets.refusal(URI.create(url)).isPresent();
    }

    @Test
    void internalAddressesAreRefusedByDefault() {
        WebhookTargets none = WebhookTargets.of("");
        for (String url : new String[] {"http://127.0.0.1:8080/metrics", "http://127.9.9.9/", "http://[::1]/",
            "http://0.0.0.0/", "http://[::]/", "http://10.1.2.3/", "http://172.16.0.1/", "http://172.31.255.255/",
            "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/",
            "http://[fd00::1]/", "http://[fe80::1]/", "http://224.0.0.1/", "http://255.255.255.255/",
            "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.0.0.1]/"}) {
            assertThat(refused(none, url)).as(url).isTrue();
        }
        assertThat(none.refusal(URI.create("http://10.0.0.1/")).orElseThrow())
                .contains("10.0.0.1").contains("CONF_WEBHOOK_ALLOWED_HOSTS");
    }

    @Test
    void publicAddressesPass() {
        WebhookTargets none = WebhookTargets.of("");
        for (String url : new String[] {"https://93.184.216.34/hook", "http://172.32.0.1/", "http://100.128.0.1/",
            "http://[2001:db8::1]/", "http://8.8.8.8:8443/x"}) {
            assertThat(refused(none, url)).as(url).isFalse();
        }
    }

    @Test
    void theAllowListOpensAddressesRangesAndNames() {
        WebhookTargets some = WebhookTargets.of(" 127.0.0.1 , 10.1.0.0/16, [::1], hooks.internal ");
        assertThat(refused(some, "http://127.0.0.1:9000/")).isFalse();
        assertThat(refused(some, "http://127.0.0.2:9000/")).isTrue();
        assertThat(refused(some, "http://10.1.200.3/")).isFalse();
        assertThat(refused(some, "http://10.2.0.1/")).isTrue();
        assertThat(refused(some, "http://[::1]:8080/")).isFalse();
        assertThat(refused(some, "http://HOOKS.internal/")).isFalse();
    }

    @Test
    void aBadAllowListIsRefusedAtStart() {
        assertThatThrownBy(() -> WebhookTargets.of("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("webhook.allowed.hosts");
    }
}
