package org.confbridge.domain.settings;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by {@link ConferenceSettings#requireValid(int)} when at least one rule is broken. */
public final class InvalidSettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<SettingsViolation> violations;

    public InvalidSettingsException(List<SettingsViolation> violations) {
        super(violations.stream().map(SettingsViolation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    /** Every broken rule, in field order. Never empty. */
    public List<SettingsViolation> violations() {
        return violations;
    }
}
