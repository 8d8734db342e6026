package dev.fulfilment.support.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

class DependencyFailuresTests {

    @Test
    void aDatabaseThatCannotBeReachedOrAnExhaustedPoolIsTransient() {
        assertThat(DependencyFailures.isTransient(
                        new RuntimeException("wrapped", new SQLException("Connection refused", "08001"))))
                .isTrue();
        assertThat(DependencyFailures.isTransient(new SQLException("Sorry, acquisition timeout!")))
                .isTrue();
        assertThat(DependencyFailures.isTransient(new SQLTransientConnectionException("gone")))
                .isTrue();
        assertThat(DependencyFailures.isTransient(new SQLException("terminating connection", "57P01")))
                .isTrue();
    }

    @Test
    void aCommitThatLostItsConnectionIsTransient() {
        // As Narayana reports it: the commit's reason is suppressed, not a cause.
        var commitFailure = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        commitFailure.addSuppressed(new javax.transaction.xa.XAException("Error trying to transactionCommit")
                .initCause(new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertThat(DependencyFailures.isTransient(new RuntimeException("wrapped", commitFailure)))
                .isTrue();

        var refusedForAConstraint = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        refusedForAConstraint.addSuppressed(new SQLException("duplicate key", "23505"));
        assertThat(DependencyFailures.isTransient(refusedForAConstraint)).isFalse();
    }

    @Test
    void anAwsServiceWithoutAnswerOrThrottlingIsTransient() {
        assertThat(DependencyFailures.isTransient(SdkClientException.create("no answer", new ConnectException())))
                .isTrue();
        assertThat(DependencyFailures.isTransient(
                        SqsException.builder().statusCode(503).message("busy").build()))
                .isTrue();
    }

    @Test
    void mistakesOfTheRequestOrTheCodeAreNot() {
        assertThat(DependencyFailures.isTransient(new SQLException("duplicate key", "23505")))
                .isFalse();
        assertThat(DependencyFailures.isTransient(QueueDoesNotExistException.builder()
                        .statusCode(400)
                        .message("no queue")
                        .build()))
                .isFalse();
        assertThat(DependencyFailures.isTransient(new IllegalStateException("a bug")))
                .isFalse();
    }
}
