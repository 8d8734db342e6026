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
 * the consumers asking it waited as long. Here the pool is asked on a thread of its own; a
 * check that finds the previous one still waiting for the pool waits for that one rather than
 * queueing another, so a database that does not answer holds one thread, not one per check.
 * A check's answer is then at most one acquisition timeout old.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    private static final Executor ASKER =
            task -> Thread.ofVirtual().name("database-readiness").start(task);

    private final AgroalDataSource dataSource;
    private CompletableFuture<Optional<String>> running = CompletableFuture.completedFuture(Optional.empty());

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

    /** The check of the pool under way, or a new one if none is. */
    private synchronized CompletableFuture<Optional<String>> askPool() {
        if (running.isDone()) {
            running = CompletableFuture.supplyAsync(this::problem, ASKER);
        }
        return running;
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
