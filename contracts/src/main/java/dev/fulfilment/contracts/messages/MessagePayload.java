package dev.fulfilment.contracts.messages;

/**
 * The type-specific body of a message: a record with a {@link dev.fulfilment.contracts.Contract}
 * that names its queue and versions.
 */
public interface MessagePayload {}
