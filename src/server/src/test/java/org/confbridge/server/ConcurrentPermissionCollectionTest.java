package org.confbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.PropertyPermission;
import org.junit.jupiter.api.Test;

class ConcurrentPermissionCollectionTest {

    private final ConcurrentPermissionCollection permissions = new ConcurrentPermissionCollection();

    @Test
    void impliesWhatAPermissionAddedImplies() {
        permissions.add(new PropertyPermission("confbridge.*", "read"));

        assertThat(permissions.implies(new PropertyPermission("confbridge.sip.port", "read"))).isTrue();
        assertThat(permissions.implies(new PropertyPermission("confbridge.sip.port", "read"))).isTrue(); // remembered
        assertThat(permissions.implies(new PropertyPermission("confbridge.sip.port", "write"))).isFalse();
        assertThat(permissions.implies(new PropertyPermission("user.home", "read"))).isFalse();
        assertThat(Collections.list(permissions.elements())).hasSize(1);
    }

    @Test
    void anAdditionForgetsTheAnswersGivenSoFar() {
        PropertyPermission home = new PropertyPermission("user.home", "read");
        assertThat(permissions.implies(home)).isFalse();

        permissions.add(new PropertyPermission("user.*", "read"));

        assertThat(permissions.implies(home)).isTrue();
    }

    @Test
    void aReadOnlyCollectionTakesNoMore() {
        permissions.setReadOnly();

        assertThatThrownBy(() -> permissions.add(new PropertyPermission("x", "read")))
                .isInstanceOf(SecurityException.class);
    }
}
