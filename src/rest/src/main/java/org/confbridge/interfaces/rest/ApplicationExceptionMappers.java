package org.confbridge.interfaces.rest;

import java.util.logging.Level;
import java.util.logging.Logger;
import javax.ejb.EJBException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import javax.ws.rs.ext.Provider;
import org.confbridge.app.AccessDeniedException;
import org.confbridge.app.DataStoreGuard;
import org.confbridge.app.InvalidInputException;
import org.confbridge.app.ResourceConflictException;
import org.confbridge.app.ResourceNotFoundException;
import org.confbridge.app.ServiceUnavailableException;
import org.confbridge.app.TooManyAttemptsException;

/** Maps the application services' exceptions to HTTP statuses with JSON bodies. */
public final class ApplicationExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApplicationExceptionMappers.class.getName());
    /** 507 Insufficient Storage (RFC 4918): not in JAX-RS's Status enum. */
    static final int INSUFFICIENT_STORAGE = 507;

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

    /** 429 with Retry-After: too many failed attempts from this address. */
    @Provider
    public static class TooManyAttempts implements ExceptionMapper<TooManyAttemptsException> {
        @Override
        public Response toResponse(TooManyAttemptsException e) {
            return Response.status(Response.Status.TOO_MANY_REQUESTS).type(MediaType.APPLICATION_JSON_TYPE)
                    .header("Retry-After", seconds(e.retryAfter()))
                    .header("Cache-Control", "no-store")
                    .entity(ErrorBody.of("too_many_requests", e.getMessage())).build();
        }
    }

    /** 503 (database unreachable) or 507 (disk full), both with Retry-After; nothing was changed. */
    @Provider
    public static class Unavailable implements ExceptionMapper<ServiceUnavailableException> {
        @Override
        public Response toResponse(ServiceUnavailableException e) {
            return unavailable(e);
        }
    }

    /**
     * EJB system exceptions: storage failures that surfaced outside the services' own checks (most
     * often at commit) become 503/507 like the rest; anything else is logged and answered 500.
     */
    @Provider
    public static class EjbFailure implements ExceptionMapper<EJBException> {
        @Override
        public Response toResponse(EJBException e) {
            return storageOrServerError(e);
        }
    }

    static Response storageOrServerError(RuntimeException e) {
        ServiceUnavailableException wrapped = find(e, ServiceUnavailableException.class);
        if (wrapped != null) {
            return unavailable(wrapped);
        }
        DataStoreGuard guard = guard();
        RuntimeException instead = guard == null ? null : guard.storageFailure(e);
        if (instead instanceof ServiceUnavailableException unavailable) {
            return unavailable(unavailable);
        }
        LOG.log(Level.SEVERE, "unexpected failure while answering a REST request", e);
        return json(Response.Status.INTERNAL_SERVER_ERROR,
                ErrorBody.of("server_error", "the server failed to answer; the failure has been logged"));
    }

    static Response unavailable(ServiceUnavailableException e) {
        boolean disk = e.reason() == ServiceUnavailableException.Reason.DISK_FULL;
        return Response.status(disk ? INSUFFICIENT_STORAGE : Response.Status.SERVICE_UNAVAILABLE.getStatusCode())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", seconds(e.retryAfter()))
                .entity(ErrorBody.of(disk ? "insufficient_storage" : "database_unavailable", e.getMessage()))
                .build();
    }

    private static long seconds(java.time.Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static DataStoreGuard guard() {
        for (String name : new String[] {"java:global/confbridge/confbridge-app/DataStoreGuard",
                "java:global/confbridge-app/DataStoreGuard"}) {
            try {
                return (DataStoreGuard) new InitialContext().lookup(name);
            } catch (NamingException e) {
                // try the next name
            }
        }
        return null;
    }
}
