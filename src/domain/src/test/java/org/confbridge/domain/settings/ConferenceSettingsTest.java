package org.confbridge.domain.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConferenceSettingsTest {

    private static final int CEILING = 500;

    @Test
    void defaultsAreTheSeedDefaults() {
        ConferenceSettings d = ConferenceSettings.DEFAULTS;
        assertThat(d.announceCallerName()).isFalse();
        assertThat(d.enterSound()).isNull();
        assertThat(d.maxMembers()).isNull();
        assertThat(d.pin()).isNull();
        assertThat(d.moderatorPin()).isNull();
        assertThat(d.muteNonModerator()).isFalse();
        assertThat(d.musicOnHoldSound()).isNull();
        assertThat(d.recordEnabled()).isFalse();
        assertThat(d.violations(CEILING)).isEmpty();
        assertThat(ConferenceSettings.builder().build()).isEqualTo(d);
    }

    @Test
    void unsetMaxMembersMeansOneHundred() {
        assertThat(ConferenceSettings.DEFAULTS.effectiveMaxMembers()).isEqualTo(100);
        assertThat(ConferenceSettings.DEFAULTS.withMaxMembers(7).effectiveMaxMembers()).isEqualTo(7);
        assertThat(ConferenceSettings.DEFAULTS.withMaxMembers(7).withMaxMembers(null).effectiveMaxMembers())
                .isEqualTo(100);
    }

    @Test
    void withMethodsChangeOnlyTheirFieldAndLeaveTheOriginalUntouched() {
        ConferenceSettings base = ConferenceSettings.DEFAULTS;
        ConferenceSettings changed = base.withAnnounceCallerName(true).withEnterSound(3L).withMaxMembers(10)
                .withPin("1234").withModeratorPin("9876").withMuteNonModerator(true).withMusicOnHoldSound(4L)
                .withRecordEnabled(true);
        assertThat(base).isEqualTo(ConferenceSettings.DEFAULTS);
        assertThat(changed).isEqualTo(new ConferenceSettings(true, 3L, 10, "1234", "9876", true, 4L, true));
        assertThat(changed.withPin("5555").moderatorPin()).isEqualTo("9876");
        assertThat(changed.toBuilder().recordEnabled(false).build().recordEnabled()).isFalse();
    }

    @Test
    void requiresPinOnlyWhenPinIsSet() {
        assertThat(ConferenceSettings.DEFAULTS.requiresPin()).isFalse();
        assertThat(ConferenceSettings.DEFAULTS.withPin("1").requiresPin()).isTrue();
    }

    @Test
    void pinMustBeDigitsOnly() {
        assertThat(only(ConferenceSettings.DEFAULTS.withPin("12a4")))
                .isEqualTo(SettingsFields.PIN).hasToString("pin");
        assertThat(ConferenceSettings.DEFAULTS.withPin("12#4").violations(CEILING).get(0).message())
                .contains("only the digits 0-9");
        // Non-ASCII digits (Arabic-Indic) are not keypad digits.
        assertThat(only(ConferenceSettings.DEFAULTS.withPin("\u0661\u0662"))).isEqualTo("pin");
    }

    @Test
    void pinLengthIsOneToSixteenDigits() {
        assertThat(ConferenceSettings.DEFAULTS.withPin("0").violations(CEILING)).isEmpty();
        assertThat(ConferenceSettings.DEFAULTS.withPin("1234567890123456").violations(CEILING)).isEmpty();
        List<SettingsViolation> tooLong = ConferenceSettings.DEFAULTS.withPin("12345678901234567").violations(CEILING);
        assertThat(tooLong).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("pin");
            assertThat(v.message()).contains("at most 16 digits");
        });
        List<SettingsViolation> empty = ConferenceSettings.DEFAULTS.withPin("").violations(CEILING);
        assertThat(empty).singleElement().satisfies(v -> assertThat(v.message()).contains("must not be empty"));
    }

    @Test
    void moderatorPinRequiresPin() {
        List<SettingsViolation> v = ConferenceSettings.DEFAULTS.withModeratorPin("1234").violations(CEILING);
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.field()).isEqualTo("moderator_pin");
            assertThat(x.message()).contains("without pin");
        });
    }

    @Test
    void moderatorPinMustDifferFromPin() {
        List<SettingsViolation> v = ConferenceSettings.DEFAULTS.withPin("1234").withModeratorPin("1234")
                .violations(CEILING);
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.field()).isEqualTo("moderator_pin");
            assertThat(x.message()).contains("differ from pin");
        });
        assertThat(ConferenceSettings.DEFAULTS.withPin("1234").withModeratorPin("12345").violations(CEILING))
                .isEmpty();
    }

    @Test
    void moderatorPinMustBeDigitsOnly() {
        assertThat(only(ConferenceSettings.DEFAULTS.withPin("1234").withModeratorPin("12*4")))
                .isEqualTo("moderator_pin");
        assertThat(only(ConferenceSettings.DEFAULTS.withPin("1234").withModeratorPin("")))
                .isEqualTo("moderator_pin");
    }

    @Test
    void maxMembersAtLeastOne() {
        assertThat(ConferenceSettings.DEFAULTS.withMaxMembers(1).violations(CEILING)).isEmpty();
        List<SettingsViolation> v = ConferenceSettings.DEFAULTS.withMaxMembers(0).violations(CEILING);
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.field()).isEqualTo("max_members");
            assertThat(x.message()).contains("at least 1");
        });
        assertThat(only(ConferenceSettings.DEFAULTS.withMaxMembers(-5))).isEqualTo("max_members");
    }

    @Test
    void maxMembersAtMostTheServerCeiling() {
        assertThat(ConferenceSettings.DEFAULTS.withMaxMembers(CEILING).violations(CEILING)).isEmpty();
        List<SettingsViolation> v = ConferenceSettings.DEFAULTS.withMaxMembers(CEILING + 1).violations(CEILING);
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.field()).isEqualTo("max_members");
            assertThat(x.message()).contains("at most 500");
        });
    }

    @Test
    void soundIdsMustBePositive() {
        assertThat(only(ConferenceSettings.DEFAULTS.withEnterSound(0L))).isEqualTo("enter_sound");
        assertThat(only(ConferenceSettings.DEFAULTS.withMusicOnHoldSound(-1L))).isEqualTo("music_on_hold_sound");
        assertThat(ConferenceSettings.DEFAULTS.withEnterSound(1L).withMusicOnHoldSound(2L).violations(CEILING))
                .isEmpty();
    }

    @Test
    void everyViolationIsReportedInSeedFieldOrder() {
        ConferenceSettings bad = new ConferenceSettings(false, 0L, 0, "x", "y", false, 0L, false);
        assertThat(bad.violations(CEILING)).extracting(SettingsViolation::field)
                .containsExactly("enter_sound", "max_members", "pin", "moderator_pin", "music_on_hold_sound");
    }

    @Test
    void requireValidThrowsWithAllViolations() {
        ConferenceSettings bad = ConferenceSettings.DEFAULTS.withMaxMembers(0).withModeratorPin("1");
        assertThatThrownBy(() -> bad.requireValid(CEILING))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e ->
                        assertThat(e.violations()).extracting(SettingsViolation::field)
                                .containsExactly("max_members", "moderator_pin"))
                .hasMessageContaining("max_members").hasMessageContaining("moderator_pin");
        ConferenceSettings good = ConferenceSettings.DEFAULTS.withPin("1");
        assertThat(good.requireValid(CEILING)).isSameAs(good);
    }

    @Test
    void ceilingMustBePositive() {
        assertThatThrownBy(() -> ConferenceSettings.DEFAULTS.violations(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringDoesNotLeakPins() {
        String text = ConferenceSettings.DEFAULTS.withPin("4711").withModeratorPin("0815").toString();
        assertThat(text).doesNotContain("4711").doesNotContain("0815").contains("pin=****");
    }

    private static String only(ConferenceSettings s) {
        List<SettingsViolation> v = s.violations(CEILING);
        assertThat(v).hasSize(1);
        return v.get(0).field();
    }
}
