package dev.fulfilment.support.messaging;

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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Receives this service's queue with long polling and hands each batch to the service's {@link
 * MessageProcessor}, which applies it through the {@link MessageHandlers}. The pollers take turns
 * to receive; a batch sent together is received together, and messages that stream in one by
 * one are given a linger to gather (decision 0022).
 * A message is deleted only once its outcome is handled, that is after its effects committed,
 * with other handled messages in full batches ({@link DeleteBatches}). A message that can never be
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
    /** Messages a linger must bring, at the rate of the last receive, for the queue to be a stream. */
    private static final int STREAM_MESSAGES_PER_LINGER = 2;

    private final SqsClient sqs;
    private final QueueUrls queueUrls;
    private final EnvelopeCodec codec;
    private final MessageProcessor processor;
    private final MessagingConfig config;
    private final SmallRyeHealthReporter health;
    private final MessagingMetrics metrics;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Thread> pollers = new ArrayList<>();
    /** The pollers receive in turn: one receive at a time, while the others handle theirs. */
    private final ReentrantLock receiveTurn = new ReentrantLock();
    /** Guarded by receiveTurn: when the last two receives returned, and what the last brought. */
    private long lastReceiveAt;

    private long receiveBeforeAt;
    private int lastReceived;
    /** Guarded by receiveTurn: whether the last receive brought messages sent with others. */
    private boolean lastCameTogether;

    private DeleteBatches deletes;
    private volatile boolean running;
    private volatile boolean waitingForDependencies;

    SqsConsumer(
            SqsClient sqs,
            QueueUrls queueUrls,
            EnvelopeCodec codec,
            MessageProcessor processor,
            MessagingConfig config,
            SmallRyeHealthReporter health,
            MessagingMetrics metrics) {
        this.health = health;
        this.metrics = metrics;
        this.sqs = sqs;
        this.queueUrls = queueUrls;
        this.codec = codec;
        this.processor = processor;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.consumer().enabled()) {
            LOG.info("Message consumer disabled (messaging.consumer.enabled=false)");
            return;
        }
        running = true;
        deletes = new DeleteBatches(
                sqs,
                queueUrls.of(config.consumedQueue()),
                config.consumer().deleteLinger(),
                "sqs-deleter-" + config.consumedQueue());
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
        deletes.stop();
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
                var messages = receiveInTurn(queueUrl);
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

    /**
     * One receive, when this poller's turn comes, long polling. Two ways for a batch to gather:
     *
     * <ul>
     *   <li>Messages sent together (the relays and inventory-service send what a batch caused
     *       in one request) are taken as they come, and each says how many went with it ({@link
     *       MessageSender#SENT_WITH_ATTRIBUTE}). The first of a batch often wakes the long poll
     *       alone (SQS answers as soon as one message is there), so a receive that brought fewer
     *       than its messages were sent with is at once followed by one that does not wait, for
     *       the rest. A batch stays one, hop after hop, and waits at none of them.
     *   <li>Messages sent alone (or by a sender that does not say) that stream in, at least two
     *       a linger (the last receive brought a partial batch, at that rate or faster, since the
     *       one before it returned), are gathered by time: the turn begins {@code
     *       messaging.consumer.linger} after the last receive returned. Slower than that, a wait
     *       would bring one more message at most, and a lone order's messages (two replies a few
     *       tens of milliseconds apart on order-events) are taken as they come.
     * </ul>
     */
    private List<Message> receiveInTurn(String queueUrl) {
        receiveTurn.lock();
        try {
            if (!running) {
                return List.of();
            }
            var max = config.consumer().maxMessages();
            var linger = config.consumer().linger().toNanos();
            if (!lastCameTogether
                    && lastReceived > 0
                    && lastReceived < max
                    && lastReceived * linger >= STREAM_MESSAGES_PER_LINGER * (lastReceiveAt - receiveBeforeAt)) {
                var wait = lastReceiveAt + linger - System.nanoTime();
                if (wait > 0) {
                    sleep(Duration.ofNanos(wait));
                }
            }
            var messages = receive(queueUrl, max, config.consumer().waitTimeSeconds());
            var sentWith =
                    messages.stream().mapToInt(SqsConsumer::sentWith).max().orElse(0);
            if (messages.size() < Math.min(sentWith, max)) {
                var rest = receive(queueUrl, max - messages.size(), 0);
                if (!rest.isEmpty()) {
                    var all = new ArrayList<Message>(messages.size() + rest.size());
                    all.addAll(messages);
                    all.addAll(rest);
                    messages = all;
                }
            }
            lastCameTogether = sentWith > 1;
            receiveBeforeAt = lastReceiveAt;
            lastReceiveAt = System.nanoTime();
            lastReceived = messages.size();
            return messages;
        } catch (RuntimeException e) {
            lastReceived = 0;
            throw e;
        } finally {
            receiveTurn.unlock();
        }
    }

    private List<Message> receive(String queueUrl, int max, int waitTimeSeconds) {
        return sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                        .maxNumberOfMessages(max)
                        .waitTimeSeconds(waitTimeSeconds)
                        .messageAttributeNames("All")
                        .messageSystemAttributeNames(
                                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                                MessageSystemAttributeName.SENT_TIMESTAMP))
                .messages();
    }

    /** How many messages were sent with this one, as its sender says; 1 if it does not. */
    private static int sentWith(Message message) {
        var attribute = message.messageAttributes().get(MessageSender.SENT_WITH_ATTRIBUTE);
        if (attribute == null) {
            return 1;
        }
        try {
            return Integer.parseInt(attribute.stringValue());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void handleBatch(String queueUrl, List<Message> messages) {
        inFlight.addAndGet(messages.size());
        try {
            var done = new ArrayList<Message>();
            var valid = new ArrayList<IncomingMessage>();
            var received = new HashMap<UUID, Message>();
            for (var message : messages) {
                noteLag(message);
                switch (codec.decode(message.body())) {
                    case EnvelopeCodec.Poison poison -> {
                        metrics.deadLettered(config.consumedQueue(), "poison");
                        if (moveToDeadLetterQueue(message, poison.reason())) {
                            done.add(message);
                        }
                    }
                    case EnvelopeCodec.Valid decoded
                    when decoded.message().type().destination()
                            != config.consumer().destination() -> {
                        metrics.deadLettered(config.consumedQueue(), "misrouted");
                        var type = decoded.message().type();
                        if (moveToDeadLetterQueue(
                                message,
                                type.wireName() + " belongs on "
                                        + type.destination().queueName() + ", not on this queue")) {
                            done.add(message);
                        }
                    }
                    case EnvelopeCodec.Valid decoded -> {
                        // A message received twice in one batch is handled once; its twin is deleted after.
                        if (received.putIfAbsent(decoded.message().messageId(), message) == null) {
                            valid.add(decoded.message());
                        } else {
                            done.add(message);
                        }
                    }
                }
            }
            if (!valid.isEmpty()) {
                for (var outcome : processor.process(valid)) {
                    var message = received.get(outcome.message().messageId());
                    if (settle(queueUrl, message, outcome)) {
                        done.add(message);
                    }
                }
            }
            deletes.delete(done);
        } finally {
            inFlight.addAndGet(-messages.size());
        }
    }

    /** Counts the outcome; a message not handled comes back later. @return whether it can be deleted */
    private boolean settle(String queueUrl, Message message, MessageProcessor.Outcome outcome) {
        var type = outcome.message().type().wireName();
        switch (outcome.status()) {
            case HANDLED -> {
                metrics.handled(config.consumedQueue(), type, MessagingMetrics.Outcome.HANDLED, outcome.took());
                return true;
            }
            case UNAVAILABLE -> {
                metrics.handled(config.consumedQueue(), type, MessagingMetrics.Outcome.UNAVAILABLE, outcome.took());
                LOG.warnf(
                        "Handling %s %s met a dependency that is away (%s); receiving stops until ready",
                        type, outcome.message().messageId(), outcome.failure().getMessage());
                waitingForDependencies = true;
                hideFor(queueUrl, message, VISIBILITY_WHILE_UNAVAILABLE_SECONDS);
                return false;
            }
            default -> {
                var receiveCount = receiveCount(message);
                metrics.handled(config.consumedQueue(), type, MessagingMetrics.Outcome.FAILED, outcome.took());
                LOG.warnf(
                        outcome.failure(),
                        "Handling %s %s failed (receive %d); SQS will offer it again",
                        type,
                        outcome.message().messageId(),
                        receiveCount);
                hideFor(queueUrl, message, (int)
                        VISIBILITY_BACKOFF.after(receiveCount).toSeconds());
                return false;
            }
        }
    }

    private void noteLag(Message message) {
        var sent = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
        if (sent != null && receiveCount(message) == 1) {
            metrics.waited(
                    config.consumedQueue(),
                    Duration.between(Instant.ofEpochMilli(Long.parseLong(sent)), Instant.now()));
        }
    }

    private static int receiveCount(Message message) {
        return Integer.parseInt(
                message.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
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

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
