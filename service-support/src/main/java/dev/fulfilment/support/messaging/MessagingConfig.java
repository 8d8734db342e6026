package dev.fulfilment.support.messaging;

import dev.fulfilment.contracts.Destination;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How a service talks to its SQS queues. */
@ConfigMapping(prefix = "messaging")
public interface MessagingConfig {

    /**
     * Names of the queues in this environment (Terraform prefixes them in AWS); a queue not named
     * here has its {@link Destination}'s own name, as dev-stack creates it.
     */
    Queues queues();

    /** The loop that receives this service's messages. */
    Consumer consumer();

    /** The queues this service sends to; readiness checks that they answer. */
    @WithDefault("")
    Optional<List<Destination>> producerDestinations();

    interface Queues {
        /** Commands for inventory-service. */
        Optional<String> inventoryCommands();

        /** Commands for shipping-service. */
        Optional<String> shippingCommands();

        /** Replies and events for order-service. */
        Optional<String> orderEvents();

        /** The name of the queue of a destination in this environment. */
        default String nameOf(Destination destination) {
            var configured = switch (destination) {
                case INVENTORY_COMMANDS -> inventoryCommands();
                case SHIPPING_COMMANDS -> shippingCommands();
                case ORDER_EVENTS -> orderEvents();
            };
            return configured.orElse(destination.queueName());
        }
    }

    interface Consumer {
        /** Whether this instance receives messages at all. */
        @WithDefault("true")
        boolean enabled();

        /**
         * The queue this service consumes, e.g. {@code order-events}. A message whose type
         * belongs on another queue goes to the dead-letter queue at once.
         */
        Destination destination();

        /** Where poison messages go at once; SQS's redrive puts repeated failures there too. */
        Optional<String> deadLetterQueue();

        /** Messages per receive call, 1 to 10. */
        @WithDefault("10")
        int maxMessages();

        /**
         * Long-polling wait of a receive call, 0 to 20 seconds. A stop waits for the current
         * poll to return, so this also bounds how long a stop takes.
         */
        @WithDefault("10")
        int waitTimeSeconds();

        /**
         * While messages sent one by one stream in, at least two a linger (the last receive
         * brought a partial batch at that rate), how long after one receive the next begins: a
         * batch gathers in the queue meanwhile (fewer requests, fewer transactions per message).
         * Messages sent in batches (the relays' and inventory-service's) are taken as they come,
         * as are slower streams and the first message after a quiet spell. The pollers take turns
         * to receive, so this paces the queue's receives, not each poller's.
         */
        @WithDefault("60ms")
        Duration linger();

        /**
         * How long a handled message may wait for others before they are deleted together, in one
         * request of up to ten. It delays no order: the message is handled, and hidden for the
         * queue's visibility timeout, far longer.
         */
        @WithDefault("500ms")
        Duration deleteLinger();

        /** Receive loops running side by side. */
        @WithDefault("2")
        int pollers();

        /**
         * How long a stop waits for the current poll and the messages in flight; with the HTTP
         * drain and the relay's stop it stays within ECS's 30 s stopTimeout.
         */
        @WithDefault("12s")
        Duration shutdownGracePeriod();
    }

    /** The name of the queue this service consumes. */
    default String consumedQueue() {
        return queues().nameOf(consumer().destination());
    }

    /** Where poison messages of the consumed queue go. */
    default String deadLetterQueue() {
        return consumer().deadLetterQueue().orElse(Destination.deadLetterQueueOf(consumedQueue()));
    }
}
