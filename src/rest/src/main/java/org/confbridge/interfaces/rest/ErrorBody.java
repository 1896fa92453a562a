package org.confbridge.interfaces.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.confbridge.app.FieldProblem;

/**
 * Every error answer: a short code, a sentence for people, and for 400s the fields at fault.
 * OAuth token errors use RFC 6749's names ({@code error}, {@code error_description}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(@JsonProperty("error") String error,
                        @JsonProperty("error_description") String errorDescription,
                        @JsonProperty("fields") List<FieldError> fields) {

    public static ErrorBody of(String error, String description) {
        return new ErrorBody(error, description, null);
    }

    public static ErrorBody invalid(List<FieldProblem> problems) {
        List<FieldError> fields = problems.stream().map(p -> new FieldError(p.field(), p.message())).toList();
        String description = problems.size() == 1
                ? problems.get(0).field() + ": " + problems.get(0).message()
                : problems.size() + " fields are invalid";
        return new ErrorBody("invalid_request", description, fields);
    }

    /** One field at fault. */
    public record FieldError(@JsonProperty("field") String field, @JsonProperty("message") String message) {
    }
}
