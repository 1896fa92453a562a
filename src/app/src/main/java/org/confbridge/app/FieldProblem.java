package org.confbridge.app;

/** One refused input value: the JSON/form field name (snake_case) and why. */
public record FieldProblem(String field, String message) {
}
