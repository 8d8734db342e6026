package dev.fulfilment.support.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Deletes handled messages of one queue in full {@code DeleteMessageBatch} requests: a handled
 * message waits up to {@code linger} for nine others, from any batch and any poller. Deleting
 * later delays no order (the message is handled and hidden for the visibility timeout, far
 * longer than the linger); it only saves requests. If the service dies first, SQS offers the
 * message again and its handler, idempotent, recognises it (its messageId recorded, or its
 * reservation made), as after any lost delete. A stop deletes what waits at once.
 */
final class DeleteBatches {

    private static final Logger LOG = Logger.getLogger(DeleteBatches.class);
    /** Entries SQS takes in one DeleteMessageBatch. */
    static final int MAX_BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;
    private final Duration linger;
    private final LinkedBlockingQueue<Pending> handled = new LinkedBlockingQueue<>();
    private final Thread deleter;
    private volatile boolean running = true;

    private record Pending(Message message, long handledAt) {}

    DeleteBatches(SqsClient sqs, String queueUrl, Duration linger, String name) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.linger = linger;
        this.deleter = Thread.ofVirtual().name(name).start(this::deleteUntilStopped);
    }

    /** Deletes these messages within the linger, in as few requests as possible. */
    void delete(List<Message> messages) {
        var now = System.nanoTime();
        messages.forEach(message -> handled.add(new Pending(message, now)));
    }

    /** Deletes what waits, at once, and stops. */
    void stop() {
        running = false;
        try {
            deleter.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deleteUntilStopped() {
        var batch = new ArrayList<Pending>(MAX_BATCH);
        try {
            while (running || !handled.isEmpty()) {
                var first = handled.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                var deadline = first.handledAt() + linger.toNanos();
                while (batch.size() < MAX_BATCH) {
                    // Stopping, nothing waits for more: what is handled goes at once.
                    var next =
                            running ? handled.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS) : handled.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                send(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(batch);
        }
    }

    private void send(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        var entries = new ArrayList<DeleteMessageBatchRequestEntry>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(batch.get(i).message().receiptHandle())
                    .build());
        }
        try {
            sqs.deleteMessageBatch(request -> request.queueUrl(queueUrl).entries(entries))
                    .failed()
                    .forEach(failure -> LOG.warnf(
                            "Could not delete a handled message (%s); its redelivery will be recognised as handled",
                            failure.message()));
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Could not delete %d handled messages (%s); their redeliveries will be recognised as handled",
                    batch.size(), e.getMessage());
        }
    }
}
