package dev.fulfilment.contracts;

import dev.fulfilment.contracts.messages.MessagePayload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexReader;

/**
 * A message the services exchange: the record its payload maps to, the queue it travels on,
 * and the versions of its schema this build knows, as the record's {@link Contract} says.
 * Producers write the newest version; consumers read every version listed, so a new version
 * can be rolled out while the old one is still on the queues.
 *
 * <p>The types are the records annotated with {@link Contract} in the indexes that the build
 * writes ({@value #INDEX}, by the Jandex Maven plugin): contracts' own, and a test's own types
 * where a module indexes its test classes.
 *
 * @param payloadType the record of the payload
 * @param destination the queue every message of this type goes to
 * @param versions the schema versions this build reads
 */
public record MessageType(
        Class<? extends MessagePayload> payloadType, Destination destination, SortedSet<Integer> versions) {

    /** Where the build indexes the records annotated with {@link Contract}. */
    public static final String INDEX = "META-INF/message-contracts.idx";

    private static final List<MessageType> ALL = load();
    private static final Map<Class<? extends MessagePayload>, MessageType> BY_PAYLOAD =
            ALL.stream().collect(Collectors.toUnmodifiableMap(MessageType::payloadType, Function.identity()));
    private static final Map<String, MessageType> BY_WIRE_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(MessageType::wireName, Function.identity()));

    /** The name in the envelope's {@code type} and in the {@code type} message attribute. */
    public String wireName() {
        return payloadType.getSimpleName();
    }

    /** The version this build writes: the newest. */
    public int currentVersion() {
        return versions.last();
    }

    @Override
    public String toString() {
        return wireName();
    }

    /** Every message type, by wire name. */
    public static List<MessageType> all() {
        return ALL;
    }

    /** The types that travel on this queue. */
    public static List<MessageType> travellingTo(Destination destination) {
        return ALL.stream().filter(type -> type.destination() == destination).toList();
    }

    public static Optional<MessageType> fromWireName(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }

    /** @throws IllegalArgumentException for a payload record that is not a message type */
    public static MessageType of(Class<? extends MessagePayload> payloadType) {
        var type = BY_PAYLOAD.get(payloadType);
        if (type == null) {
            throw new IllegalArgumentException(payloadType.getName() + " has no @Contract in an index of " + INDEX
                    + ": annotate it, and index its module's classes (see contracts/pom.xml)");
        }
        return type;
    }

    public static MessageType of(MessagePayload payload) {
        return of(payload.getClass());
    }

    private static List<MessageType> load() {
        var loader = MessageType.class.getClassLoader();
        var contract = DotName.createSimple(Contract.class.getName());
        var types = new TreeSet<MessageType>(Comparator.comparing(MessageType::wireName));
        try {
            for (var url : Collections.list(loader.getResources(INDEX))) {
                try (var in = url.openStream()) {
                    for (var annotation : new IndexReader(in).read().getAnnotations(contract)) {
                        types.add(fromRecord(Class.forName(
                                annotation.target().asClass().name().toString(), false, loader)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the message contracts' index " + INDEX, e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the message contracts' index names a class that is missing", e);
        }
        return List.copyOf(types);
    }

    private static MessageType fromRecord(Class<?> record) {
        if (!record.isRecord() || !MessagePayload.class.isAssignableFrom(record)) {
            throw new IllegalStateException(record.getName() + " has a @Contract but is not a MessagePayload record");
        }
        var contract = record.getAnnotation(Contract.class);
        var versions = Arrays.stream(contract.versions()).boxed().collect(Collectors.toCollection(TreeSet::new));
        if (versions.isEmpty() || versions.first() < 1) {
            throw new IllegalStateException(record.getName() + " names no version 1 or above");
        }
        return new MessageType(
                record.asSubclass(MessagePayload.class), contract.queue(), Collections.unmodifiableSortedSet(versions));
    }
}
