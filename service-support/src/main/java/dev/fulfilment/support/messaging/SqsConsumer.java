package dev.fulfilment.support.messaging;

import dev.fulfilment.support.resilience.DependencyFailures;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Receives this service's queue with long polling and hands each message of a batch to the
 * {@link MessageHandler} on a virtual thread of its own. A message is deleted only after its
 * handler returned, that is after its transaction committed. A message that can never be
 * handled (unparseable, not valid against the schema of its type and version, or of a type
 * that belongs on another queue) goes to the dead-letter queue at once with a
 * {@code failure-reason} attribute. When handling fails because something the service
 * depends on is away (the database, DynamoDB), it stops receiving until the service is ready
 * again, so that an outage does not use up the messages' receive counts and send them to the
 * dead-letter queue. On stop it receives nothing more and waits for the messages in flight.
 */
@ApplicationScoped
public class SqsConsumer {

    static final String FAILURE_REASON_ATTRIBUTE = "failure-reason";
    private static final Logger LOG = Logger.getLogger(SqsConsumer.class);
    private static final int MAX_ATTRIBUTE_LENGTH = 1000;
    /** Pauses between failed receives (SQS unreachable, say). */
    private static final Backoff RECEIVE_BACKOFF = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(2));
    /** How often readiness is asked while a dependency is away. */
    private static final Duration READINESS_POLL = Duration.ofMillis(250);
    /** How long a message stays hidden when its handling met a dependency that was away. */
    private static final int VISIBILITY_WHILE_UNAVAILABLE_SECONDS = 1;
    /** How long a message whose handling failed stays hidden, by its receive count. */
    private static final Backoff VISIBILITY_BACKOFF = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30));

    private final SqsClient sqs;
    private final QueueUrls queueUrls;
    private final EnvelopeCodec codec;
    private final MessageHandler handler;
    private final MessageTracing tracing;
    private final MessagingConfig config;
    private final SmallRyeHealthReporter health;
    private final MessagingMetrics metrics;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean running;
    private volatile boolean waitingForDependencies;
    private ExecutorService handlers;

    SqsConsumer(
            SqsClient sqs,
            QueueUrls queueUrls,
            EnvelopeCodec codec,
            MessageHandler handler,
            MessageTracing tracing,
            MessagingConfig config,
            SmallRyeHealthReporter health,
            MessagingMetrics metrics) {
        this.health = health;
        this.metrics = metrics;
        this.sqs = sqs;
        this.queueUrls = queueUrls;
        this.codec = codec;
        this.handler = handler;
        this.tracing = tracing;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.consumer().enabled()) {
            LOG.info("Message consumer disabled (messaging.consumer.enabled=false)");
            return;
        }
        running = true;
        handlers = Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < config.consumer().pollers(); i++) {
            pollers.add(Thread.ofVirtual()
                    .name("sqs-poller-" + config.consumedQueue() + "-" + i)
                    .start(this::pollUntilStopped));
        }
        LOG.infof(
                "Consuming %s with %d pollers",
                config.consumedQueue(), config.consumer().pollers());
    }

    /**
     * Stops receiving, lets the messages in flight finish, and waits for each poller's current
     * long poll to return: messages it brings back are made visible again at once. Left to a
     * closed connection, they would stay hidden for the whole visibility timeout.
     */
    void stop(@Observes ShutdownEvent shutdown) {
        if (!running) {
            return;
        }
        running = false;
        var deadline = Instant.now().plus(config.consumer().shutdownGracePeriod());
        for (var poller : pollers) {
            try {
                poller.join(
                        Duration.between(Instant.now(), deadline).isNegative()
                                ? Duration.ZERO
                                : Duration.between(Instant.now(), deadline));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        while (inFlight.get() > 0 && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(20));
        }
        if (inFlight.get() > 0) {
            LOG.warnf("Stopped with %d messages in flight; SQS will offer them again", inFlight.get());
        }
        handlers.shutdownNow();
    }

    /** Whether the consumer loop runs; readiness reports it. */
    public boolean isRunning() {
        return running;
    }

    private void pollUntilStopped() {
        var failures = 0;
        while (running) {
            if (waitingForDependencies) {
                awaitReadiness();
                continue;
            }
            try {
                var queueUrl = queueUrls.of(config.consumedQueue());
                var messages = sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                                .maxNumberOfMessages(config.consumer().maxMessages())
                                .waitTimeSeconds(config.consumer().waitTimeSeconds())
                                .messageAttributeNames("All")
                                .messageSystemAttributeNames(
                                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                                        MessageSystemAttributeName.SENT_TIMESTAMP))
                        .messages();
                failures = 0;
                if (!running) {
                    makeVisibleAgain(queueUrl, messages);
                    return;
                }
                if (!messages.isEmpty()) {
                    handleBatch(queueUrl, messages);
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                failures++;
                var pause = RECEIVE_BACKOFF.after(failures);
                LOG.warnf(
                        "Receiving from %s failed (%s); trying again in %d ms",
                        config.consumedQueue(), e.getMessage(), pause.toMillis());
                sleep(pause);
            }
        }
    }

    private void handleBatch(String queueUrl, List<Message> messages) {
        inFlight.addAndGet(messages.size());
        try {
            var outcomes = messages.stream()
                    .map(message -> CompletableFuture.supplyAsync(() -> handleOne(queueUrl, message), handlers))
                    .toList();
            var done = new ArrayList<DeleteMessageBatchRequestEntry>();
            for (int i = 0; i < messages.size(); i++) {
                if (outcomes.get(i).join()) {
                    done.add(DeleteMessageBatchRequestEntry.builder()
                            .id(Integer.toString(i))
                            .receiptHandle(messages.get(i).receiptHandle())
                            .build());
                }
            }
            if (!done.isEmpty()) {
                var response = sqs.deleteMessageBatch(
                        request -> request.queueUrl(queueUrl).entries(done));
                response.failed()
                        .forEach(failure -> LOG.warnf(
                                "Could not delete a handled message (%s); its redelivery will be skipped as a duplicate",
                                failure.message()));
            }
        } finally {
            inFlight.addAndGet(-messages.size());
        }
    }

    /** @return whether the message is done with and can be deleted */
    private boolean handleOne(String queueUrl, Message message) {
        var receiveCount = Integer.parseInt(
                message.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
        var sent = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
        if (sent != null && receiveCount == 1) {
            metrics.waited(
                    config.consumedQueue(),
                    Duration.between(Instant.ofEpochMilli(Long.parseLong(sent)), Instant.now()));
        }
        return switch (codec.decode(message.body())) {
            case EnvelopeCodec.Poison poison -> {
                metrics.deadLettered(config.consumedQueue(), "poison");
                yield moveToDeadLetterQueue(message, poison.reason());
            }
            case EnvelopeCodec.Valid valid
            when valid.message().type().destination() != config.consumer().destination() -> {
                metrics.deadLettered(config.consumedQueue(), "misrouted");
                yield moveToDeadLetterQueue(
                        message,
                        valid.message().type().wireName() + " belongs on "
                                + valid.message().type().destination().queueName() + ", not on this queue");
            }
            case EnvelopeCodec.Valid valid -> {
                var type = valid.message().type().wireName();
                var started = System.nanoTime();
                try {
                    tracing.handleInSpan(
                            config.consumedQueue(), valid.message(), () -> handler.handle(valid.message()));
                    metrics.handled(config.consumedQueue(), type, MessagingMetrics.Outcome.HANDLED, since(started));
                    yield true;
                } catch (RuntimeException e) {
                    var transientFailure = DependencyFailures.isTransient(e);
                    metrics.handled(
                            config.consumedQueue(),
                            type,
                            transientFailure ? MessagingMetrics.Outcome.UNAVAILABLE : MessagingMetrics.Outcome.FAILED,
                            since(started));
                    if (transientFailure) {
                        LOG.warnf(
                                "Handling %s %s met a dependency that is away (%s); receiving stops until ready",
                                valid.message().type().wireName(),
                                valid.message().messageId(),
                                e.getMessage());
                        waitingForDependencies = true;
                        hideFor(queueUrl, message, VISIBILITY_WHILE_UNAVAILABLE_SECONDS);
                        yield false;
                    }
                    LOG.warnf(
                            e,
                            "Handling %s %s failed (receive %d); SQS will offer it again",
                            valid.message().type().wireName(),
                            valid.message().messageId(),
                            receiveCount);
                    hideFor(queueUrl, message, (int)
                            VISIBILITY_BACKOFF.after(receiveCount).toSeconds());
                    yield false;
                }
            }
        };
    }

    private boolean moveToDeadLetterQueue(Message message, String reason) {
        var deadLetterQueue = config.deadLetterQueue();
        LOG.errorf("Poison message %s moved to %s: %s", message.messageId(), deadLetterQueue, reason);
        var attributes = new HashMap<String, MessageAttributeValue>(message.messageAttributes());
        attributes.put(
                FAILURE_REASON_ATTRIBUTE,
                MessageSender.stringAttribute(
                        reason.length() > MAX_ATTRIBUTE_LENGTH ? reason.substring(0, MAX_ATTRIBUTE_LENGTH) : reason));
        try {
            sqs.sendMessage(request -> request.queueUrl(queueUrls.of(deadLetterQueue))
                    .messageBody(message.body())
                    .messageAttributes(attributes));
            return true;
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Could not move poison message %s to %s (%s); SQS's redrive will",
                    message.messageId(), deadLetterQueue, e.getMessage());
            return false;
        }
    }

    /**
     * Waits until every readiness check of the service is UP again (its database, its table,
     * its queues), then lets the pollers receive again.
     */
    private void awaitReadiness() {
        var since = Instant.now();
        while (running && health.getReadiness().isDown()) {
            sleep(READINESS_POLL);
        }
        if (running && waitingForDependencies) {
            waitingForDependencies = false;
            LOG.infof(
                    "Ready again after %d ms; receiving from %s",
                    Duration.between(since, Instant.now()).toMillis(), config.consumedQueue());
        }
    }

    /** A failed message comes back after this, sooner at first and later as it keeps failing. */
    private void hideFor(String queueUrl, Message message, int seconds) {
        try {
            sqs.changeMessageVisibility(request -> request.queueUrl(queueUrl)
                    .receiptHandle(message.receiptHandle())
                    .visibilityTimeout(seconds));
        } catch (RuntimeException e) {
            // The queue's own visibility timeout applies.
        }
    }

    private void makeVisibleAgain(String queueUrl, List<Message> messages) {
        for (var message : messages) {
            try {
                sqs.changeMessageVisibility(request -> request.queueUrl(queueUrl)
                        .receiptHandle(message.receiptHandle())
                        .visibilityTimeout(0));
            } catch (RuntimeException e) {
                // It comes back after the visibility timeout instead.
            }
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
