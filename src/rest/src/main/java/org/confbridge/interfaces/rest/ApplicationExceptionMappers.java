package org.confbridge.interfaces.rest;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import javax.ws.rs.ext.Provider;
import org.confbridge.app.AccessDeniedException;
import org.confbridge.app.InvalidInputException;
import org.confbridge.app.ResourceConflictException;
import org.confbridge.app.ResourceNotFoundException;

/** Maps the application services' exceptions to HTTP statuses with JSON bodies. */
public final class ApplicationExceptionMappers {

    private ApplicationExceptionMappers() {
    }

    static Response json(Response.Status status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** 400 naming every field at fault. */
    @Provider
    public static class InvalidInput implements ExceptionMapper<InvalidInputException> {
        @Override
        public Response toResponse(InvalidInputException e) {
            return json(Response.Status.BAD_REQUEST, ErrorBody.invalid(e.problems()));
        }
    }

    /** 404: unknown, or another client's (indistinguishable on purpose). */
    @Provider
    public static class NotFound implements ExceptionMapper<ResourceNotFoundException> {
        @Override
        public Response toResponse(ResourceNotFoundException e) {
            return json(Response.Status.NOT_FOUND, ErrorBody.of("not_found", e.getMessage()));
        }
    }

    /** 409: duplicate name, sound in use, live conference, too many concurrent changes. */
    @Provider
    public static class Conflict implements ExceptionMapper<ResourceConflictException> {
        @Override
        public Response toResponse(ResourceConflictException e) {
            return json(Response.Status.CONFLICT, ErrorBody.of("conflict", e.getMessage()));
        }
    }

    /** 403: an administrator-only operation. */
    @Provider
    public static class Forbidden implements ExceptionMapper<AccessDeniedException> {
        @Override
        public Response toResponse(AccessDeniedException e) {
            return json(Response.Status.FORBIDDEN, ErrorBody.of("forbidden", e.getMessage()));
        }
    }
}
