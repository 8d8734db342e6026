package dev.fulfilment.outbox;

import dev.fulfilment.support.health.ReadinessTimeout;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the pool hands out a connection that passes its validation, and the answer
 * comes within {@link ReadinessTimeout#PER_DEPENDENCY} whatever the database does.
 *
 * <p>Quarkus's own check (turned off in this module's defaults) asks the pool as a request does,
 * and so waits as long as a request may for a connection, the pool's acquisition timeout (5 s):
 * with the database away, readiness took 5.04 s to say 503, past the load balancer's 5 s, and
 * the consumers asking it waited as long. Here the pool is asked on a thread of its own, and a
 * check waits for the answer at most {@link ReadinessTimeout#PER_DEPENDENCY}. A check that
 * finds a question to the pool asked less than that long ago waits for its answer rather than
 * asking again, so a database that does not answer holds at most three threads (the pool's
 * 5 s over 2 s), not one per check; an older question is left to end on its own, and a new
 * one asked, so that a database back is seen at the next check, not up to 5 s later.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    private static final Executor ASKER =
            task -> Thread.ofVirtual().name("database-readiness").start(task);

    private final AgroalDataSource dataSource;
    private CompletableFuture<Optional<String>> asked = CompletableFuture.completedFuture(Optional.empty());
    private long askedAt = System.nanoTime();

    DatabaseHealthCheck(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database");
        try {
            var problem = askPool().get(ReadinessTimeout.PER_DEPENDENCY.toMillis(), TimeUnit.MILLISECONDS);
            return problem.map(reason -> response.down().withData("error", reason))
                    .orElseGet(response::up)
                    .build();
        } catch (TimeoutException e) {
            return response.down()
                    .withData("error", "no connection within " + ReadinessTimeout.PER_DEPENDENCY.toMillis() + " ms")
                    .build();
        } catch (ExecutionException e) {
            return response.down()
                    .withData("error", e.getCause().getClass().getSimpleName())
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        }
    }

    /** The question to the pool asked less than a check's time ago and not yet answered, or a new one. */
    private synchronized CompletableFuture<Optional<String>> askPool() {
        var now = System.nanoTime();
        if (asked.isDone() || now - askedAt >= ReadinessTimeout.PER_DEPENDENCY.toNanos()) {
            asked = CompletableFuture.supplyAsync(this::problem, ASKER);
            askedAt = now;
        }
        return asked;
    }

    /** Why the pool gave no valid connection, if it did not. */
    private Optional<String> problem() {
        try {
            return dataSource.isHealthy(false) ? Optional.empty() : Optional.of("a connection failed its validation");
        } catch (SQLException e) {
            return Optional.of("no connection: " + e.getClass().getSimpleName());
        }
    }
}
