package dev.fulfilment.support.messaging;

import io.quarkus.arc.DefaultBean;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * The messages of a batch prepared together ({@link MessageHandler#prepare}: what they can share),
 * then handled side by side, each on a virtual thread, and what they cause
 * sent together once all are handled, in as few SQS requests as the queues allow. A message is
 * handled only once what it caused was accepted by SQS; if not, SQS offers it again and its
 * handler, idempotent by itself, causes the same messages again. For a service whose data keeps
 * no outbox: inventory-service, whose reservation item is both the effect and the record that a
 * command was handled.
 */
@DefaultBean
@ApplicationScoped
public class SendAfterHandling implements MessageProcessor {

    private static final Logger LOG = Logger.getLogger(SendAfterHandling.class);

    private final MessageHandlers handlers;
    private final MessageSender sender;
    private final ExecutorService handling = Executors.newVirtualThreadPerTaskExecutor();

    SendAfterHandling(MessageHandlers handlers, MessageSender sender) {
        this.handlers = handlers;
        this.sender = sender;
    }

    /** What handling one message came to before anything was sent. */
    private record Handled(
            IncomingMessage message, List<OutgoingMessage> caused, Duration took, RuntimeException failure) {}

    @Override
    public List<Outcome> process(List<IncomingMessage> batch) {
        if (batch.size() > 1) {
            try {
                handlers.prepare(batch);
            } catch (RuntimeException e) {
                // What the messages would share, each still does alone.
                LOG.debugf("Preparing a batch of %d failed (%s); each message is handled alone", batch.size(), e);
            }
        }
        var handled = batch.stream()
                .map(message -> CompletableFuture.supplyAsync(() -> handleOne(message), handling))
                .toList()
                .stream()
                .map(CompletableFuture::join)
                .toList();
        var toSend = new ArrayList<OutgoingMessage>();
        handled.stream().filter(result -> result.failure() == null).forEach(result -> toSend.addAll(result.caused()));
        Set<UUID> refused = Set.of();
        RuntimeException sendFailure = null;
        try {
            if (!toSend.isEmpty()) {
                refused = sender.sendAll(toSend);
            }
        } catch (RuntimeException e) {
            sendFailure = e;
        }
        var outcomes = new ArrayList<Outcome>(batch.size());
        for (var result : handled) {
            if (result.failure() != null) {
                outcomes.add(Outcome.failed(result.message(), result.took(), result.failure()));
            } else if (sendFailure != null) {
                outcomes.add(Outcome.failed(result.message(), result.took(), sendFailure));
            } else if (refusedAny(result.caused(), refused)) {
                outcomes.add(Outcome.failed(
                        result.message(),
                        result.took(),
                        new IllegalStateException(
                                "SQS refused what " + result.message().type() + " "
                                        + result.message().messageId() + " caused")));
            } else {
                outcomes.add(Outcome.handled(result.message(), result.took()));
            }
        }
        return outcomes;
    }

    private static boolean refusedAny(List<OutgoingMessage> caused, Set<UUID> refused) {
        return caused.stream().anyMatch(message -> refused.contains(message.messageId()));
    }

    private Handled handleOne(IncomingMessage message) {
        var started = System.nanoTime();
        try {
            return new Handled(message, handlers.handle(message), Duration.ofNanos(System.nanoTime() - started), null);
        } catch (RuntimeException e) {
            return new Handled(message, List.of(), Duration.ofNanos(System.nanoTime() - started), e);
        }
    }

    @PreDestroy
    void stop() {
        handling.shutdownNow();
    }
}
