package dev.fulfilment.devstack;

/**
 * The SQS queues of the system, each with its dead-letter queue. terraform/ creates the same
 * queues in AWS; keep the names and the redrive policy in line with it.
 */
public enum Queue {
    INVENTORY_COMMANDS("inventory-commands"),
    SHIPPING_COMMANDS("shipping-commands"),
    ORDER_EVENTS("order-events");

    /** Receives after which SQS moves a message to the dead-letter queue. */
    public static final int MAX_RECEIVE_COUNT = 5;

    /** Seconds a received message stays hidden before SQS offers it again. */
    public static final int VISIBILITY_TIMEOUT_SECONDS = 30;

    private final String queueName;

    Queue(String queueName) {
        this.queueName = queueName;
    }

    public String queueName() {
        return queueName;
    }

    public String deadLetterQueueName() {
        return queueName + "-dlq";
    }
}
