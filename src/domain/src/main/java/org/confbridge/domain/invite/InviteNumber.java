package org.confbridge.domain.invite;

import java.util.Optional;

/**
 * A number to invite, as it goes into the Request-URI user part of the outbound call:
 * an optional leading {@code +} then {@value #MIN_DIGITS} to {@value #MAX_DIGITS} digits
 * (E.164 numbers have at most 15; two allows short internal numbers).
 */
public record InviteNumber(String value) {

    public static final int MIN_DIGITS = 2;
    public static final int MAX_DIGITS = 15;

    public InviteNumber {
        problem(value).ifPresent(p -> {
            throw new IllegalArgumentException("invalid number to invite: " + p);
        });
    }

    /** The number, or a clear error for anything else. */
    public static InviteNumber of(String value) {
        return new InviteNumber(value);
    }

    /** The number, or empty when {@code value} is not a valid number to invite. */
    public static Optional<InviteNumber> parse(String value) {
        return problem(value).isPresent() ? Optional.empty() : Optional.of(new InviteNumber(value));
    }

    /** Why {@code value} cannot be invited, or empty when it can. */
    public static Optional<String> problem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("the number is empty");
        }
        String digits = value.startsWith("+") ? value.substring(1) : value;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.of("'" + value + "' may contain only digits 0-9, with an optional leading +");
            }
        }
        if (digits.length() < MIN_DIGITS || digits.length() > MAX_DIGITS) {
            return Optional.of("'" + value + "' must have " + MIN_DIGITS + " to " + MAX_DIGITS
                    + " digits, has " + digits.length());
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
