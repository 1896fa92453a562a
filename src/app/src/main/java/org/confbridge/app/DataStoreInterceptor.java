package org.confbridge.app;

import javax.ejb.EJB;
import javax.interceptor.AroundInvoke;
import javax.interceptor.InvocationContext;

/**
 * Around each configuration service call: answers at once (503/507) when the database is known to be
 * down or the disk full ({@link DataStoreGuard}), and turns storage failures into
 * {@link ServiceUnavailableException} instead of a 500.
 */
public class DataStoreInterceptor {

    @EJB
    private DataStoreGuard guard;

    @AroundInvoke
    public Object guard(InvocationContext invocation) throws Exception {
        guard.beforeDatabaseWork(invocation.getMethod().isAnnotationPresent(WritesData.class));
        try {
            Object result = invocation.proceed();
            guard.databaseWorked();
            return result;
        } catch (InvalidInputException | ResourceNotFoundException | ResourceConflictException
                 | AccessDeniedException | InvalidCredentialsException | ConcurrentChangeException e) {
            guard.databaseWorked();
            throw e;
        } catch (ServiceUnavailableException | TooManyAttemptsException e) {
            throw e;
        } catch (RuntimeException e) {
            RuntimeException instead = guard.storageFailure(e);
            if (instead == null) {
                guard.databaseWorked(); // not a storage failure: a probe must not stay pending
                throw e;
            }
            throw instead;
        }
    }
}
