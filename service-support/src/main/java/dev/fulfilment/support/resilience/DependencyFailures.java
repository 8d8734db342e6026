package dev.fulfilment.support.resilience;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Tells a failure of something the service depends on that will likely pass (the database
 * failing over, DynamoDB or SQS unreachable or throttling) from a failure of the request or
 * of the code. The first is a 503 with Retry-After for a client and a pause for a consumer;
 * the second a 4xx or a 500.
 */
public final class DependencyFailures {

    /** SQLState classes of a connection that is gone or cannot be made right now. */
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of(
            "08000",
            "08001",
            "08003",
            "08004",
            "08006",
            "08007", // connection exceptions
            "57P01",
            "57P02",
            "57P03", // admin/crash shutdown, cannot connect now
            "53300", // too many connections
            "40001" // serialization failure (a failover mid-transaction surfaces as one)
            );

    private static final Set<String> TRANSIENT_CLASS_NAMES = Set.of(
            "org.hibernate.exception.JDBCConnectionException",
            "io.agroal.pool.ConnectionPool$AcquisitionTimeoutException");

    private DependencyFailures() {}

    /**
     * Whether the failure, one of its causes or what it suppressed is a dependency that is away
     * for now. A commit that lost its connection arrives as a RollbackException whose reason is
     * only in a suppressed XAException: its outcome is unknown, and the client's retry with the
     * same Idempotency-Key is what settles it, so it is a 503, not a 500.
     */
    public static boolean isTransient(Throwable failure) {
        var seen = java.util.Collections.newSetFromMap(new IdentityHashMap<Throwable, Boolean>());
        var toVisit = new java.util.ArrayDeque<Throwable>();
        toVisit.push(failure);
        while (!toVisit.isEmpty()) {
            var next = toVisit.pop();
            if (!seen.add(next)) {
                continue;
            }
            if (isTransientItself(next)) {
                return true;
            }
            if (next.getCause() != null) {
                toVisit.push(next.getCause());
            }
            for (var suppressed : next.getSuppressed()) {
                toVisit.push(suppressed);
            }
        }
        return false;
    }

    private static boolean isTransientItself(Throwable failure) {
        if (failure instanceof SQLTransientConnectionException
                || failure instanceof SQLNonTransientConnectionException
                || failure instanceof SQLRecoverableException
                || failure instanceof TimeoutException
                || TRANSIENT_CLASS_NAMES.contains(failure.getClass().getName())) {
            return true;
        }
        if (failure instanceof SQLException sql) {
            var state = sql.getSQLState();
            if (state != null && TRANSIENT_SQL_STATES.contains(state)) {
                return true;
            }
            // Agroal's acquisition timeout ("Sorry, acquisition timeout!") carries no SQLState:
            // the pool had no connection for this long, the database is away or overloaded.
            var message = sql.getMessage();
            return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("acquisition timeout");
        }
        if (failure instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        // No answer at all from an AWS service: connection refused, reset, timed out.
        return failure instanceof SdkClientException && !(failure instanceof AwsServiceException);
    }

    /** The innermost cause, as a log line names it: {@code PSQLException: Connection refused}. */
    public static String rootMessage(Throwable failure) {
        var root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
