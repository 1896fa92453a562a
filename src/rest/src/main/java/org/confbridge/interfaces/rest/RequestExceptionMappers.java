package org.confbridge.interfaces.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.annotation.Priority;
import javax.validation.ConstraintViolation;
import javax.validation.ConstraintViolationException;
import javax.validation.Path;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import javax.ws.rs.ext.Provider;
import org.confbridge.app.FieldProblem;

/**
 * Malformed requests become 400 with a JSON body that names the field (never a 500 or an HTML
 * page); other JAX-RS errors keep their status with a JSON body; anything unexpected is logged
 * and answered 500 without internals.
 */
public final class RequestExceptionMappers {

    private static final Logger LOG = Logger.getLogger(RequestExceptionMappers.class.getName());

    private RequestExceptionMappers() {
    }

    /** Syntax errors in the JSON text. Priority beats Jackson's own mappers. */
    @Provider
    @Priority(1)
    public static class BadJson implements ExceptionMapper<JsonParseException> {
        @Override
        public Response toResponse(JsonParseException e) {
            return ApplicationExceptionMappers.json(Response.Status.BAD_REQUEST,
                    ErrorBody.of("invalid_json", "the body is not valid JSON: " + e.getOriginalMessage()));
        }
    }

    /** Well-formed JSON of the wrong shape: unknown field, wrong type, missing body. */
    @Provider
    @Priority(1)
    public static class WrongJson implements ExceptionMapper<JsonMappingException> {
        @Override
        public Response toResponse(JsonMappingException e) {
            return ApplicationExceptionMappers.json(Response.Status.BAD_REQUEST, describe(e));
        }
    }

    /** Any other Jackson processing failure. */
    @Provider
    @Priority(1)
    public static class OtherJson implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            return ApplicationExceptionMappers.json(Response.Status.BAD_REQUEST,
                    ErrorBody.of("invalid_json", e.getOriginalMessage()));
        }
    }

    static ErrorBody describe(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        if (e instanceof UnrecognizedPropertyException u) {
            return ErrorBody.invalid(List.of(new FieldProblem(u.getPropertyName(),
                    "unknown field; allowed: " + u.getKnownPropertyIds())));
        }
        if (field.isEmpty()) {
            return ErrorBody.of("invalid_json", "the body does not have the expected shape: " + e.getOriginalMessage());
        }
        return ErrorBody.invalid(List.of(new FieldProblem(field, "has the wrong type or format: "
                + firstLine(e.getOriginalMessage()))));
    }

    /** What to send instead: most endpoints take JSON (a form-encoded body is the usual mistake, curl -d). */
    static String unsupportedMediaType(javax.ws.rs.core.MediaType sent) {
        String what = sent == null ? "without a Content-Type" : "as " + sent.getType() + "/" + sent.getSubtype();
        return "the body was sent " + what + "; this endpoint takes JSON: send it with 'Content-Type: application/json'"
                + " (curl: -H 'Content-Type: application/json' -d '{\"field\":\"value\"}'). Sound uploads take"
                + " multipart/form-data (curl -F), POST /oauth/token takes application/x-www-form-urlencoded";
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }

    /** Bean Validation of request DTOs and parameters: 400 naming the JSON field. */
    @Provider
    public static class Violations implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException e) {
            List<FieldProblem> problems = new ArrayList<>();
            for (ConstraintViolation<?> v : e.getConstraintViolations()) {
                problems.add(new FieldProblem(fieldName(v.getPropertyPath()), v.getMessage()));
            }
            problems.sort((a, b) -> a.field().compareTo(b.field()));
            return ApplicationExceptionMappers.json(Response.Status.BAD_REQUEST, ErrorBody.invalid(problems));
        }

        private static String fieldName(Path path) {
            String last = "body";
            for (Path.Node node : path) {
                if (node.getName() != null && node.getKind() == javax.validation.ElementKind.PROPERTY) {
                    last = node.getName();
                } else if (node.getKind() == javax.validation.ElementKind.PARAMETER && "body".equals(last)) {
                    last = node.getName();
                }
            }
            return snakeCase(last);
        }

        static String snakeCase(String javaName) {
            return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** JAX-RS's own errors (404 unknown path, 405, 406, 415, ...) with a JSON body. */
    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {

        @javax.ws.rs.core.Context
        private javax.ws.rs.core.HttpHeaders headers;

        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            Response.StatusType status = original.getStatusInfo();
            String code = status.getReasonPhrase() == null ? "error"
                    : status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '_');
            String message = e.getMessage() != null ? e.getMessage() : status.getReasonPhrase();
            if (status.getStatusCode() == Response.Status.UNSUPPORTED_MEDIA_TYPE.getStatusCode()) {
                message = unsupportedMediaType(headers == null ? null : headers.getMediaType());
            }
            if (e.getCause() instanceof JsonMappingException jm) {
                return ApplicationExceptionMappers.json(Response.Status.BAD_REQUEST, describe(jm));
            }
            Response.ResponseBuilder builder = Response.status(status.getStatusCode())
                    .type("application/json").entity(ErrorBody.of(code, message));
            original.getHeaders().forEach((name, values) -> {
                if (!"Content-Type".equalsIgnoreCase(name)) {
                    values.forEach(v -> builder.header(name, v));
                }
            });
            return builder.build();
        }
    }

    /** Last resort: log it, tell the client nothing internal. */
    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected failure while answering a REST request", e);
            return ApplicationExceptionMappers.json(Response.Status.INTERNAL_SERVER_ERROR,
                    ErrorBody.of("server_error", "the server failed to answer; the failure has been logged"));
        }
    }
}
