package dev.fulfilment.contracts;

/**
 * The queues messages travel on, each consumed by one service. Every queue has a dead-letter
 * queue of the same name with {@code -dlq} appended. The names are the defaults the services,
 * dev-stack and docker-compose use; in AWS Terraform prefixes them per environment and hands
 * the services the real names ({@code messaging.queues.*}).
 */
public enum Destination {
    /** Commands for inventory-service. */
    INVENTORY_COMMANDS("inventory-commands"),
    /** Commands for shipping-service. */
    SHIPPING_COMMANDS("shipping-commands"),
    /** Replies and events for order-service, the saga's orchestrator. */
    ORDER_EVENTS("order-events");

    /** What a dead-letter queue's name adds to its queue's, here and in Terraform's queues. */
    public static final String DEAD_LETTER_SUFFIX = "-dlq";

    private final String queueName;

    Destination(String queueName) {
        this.queueName = queueName;
    }

    /** The queue's name where nothing else is configured, e.g. {@code order-events}. */
    public String queueName() {
        return queueName;
    }

    /** Its dead-letter queue's name where nothing else is configured, e.g. {@code order-events-dlq}. */
    public String deadLetterQueueName() {
        return deadLetterQueueOf(queueName);
    }

    /** The dead-letter queue of a queue, by name: the queue's name and {@value #DEAD_LETTER_SUFFIX}. */
    public static String deadLetterQueueOf(String queueName) {
        return queueName + DEAD_LETTER_SUFFIX;
    }
}
