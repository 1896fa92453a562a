package org.confbridge.domain.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InviteNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"12", "0049301234567", "+4930123456", "123456789012345", "+123456789012345"})
    void validNumbers(String number) {
        assertThat(InviteNumber.parse(number)).contains(new InviteNumber(number));
        assertThat(InviteNumber.problem(number)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "+1", "1234567890123456", "12a4", "12 34", "++123", "123+4", "12#", "+"})
    void invalidNumbers(String number) {
        assertThat(InviteNumber.parse(number)).isEmpty();
        assertThat(InviteNumber.problem(number)).isPresent();
        assertThatThrownBy(() -> InviteNumber.of(number)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid number to invite");
    }

    @Test
    void problemSaysWhy() {
        assertThat(InviteNumber.problem(null)).contains("the number is empty");
        assertThat(InviteNumber.problem("12a")).get().asString().contains("only digits");
        assertThat(InviteNumber.problem("1")).get().asString().contains("2 to 15 digits, has 1");
    }
}
