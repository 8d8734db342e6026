package dev.fulfilment.ops;

import dev.fulfilment.ops.DeadLetters.DeadLetter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code ./ops/dead-letters}: an operator lists the dead letters of an environment, sends them
 * back once the cause is fixed, or deletes poison. Against SQS in AWS with {@code --aws} (the
 * default credentials and region, and the environment's queue name prefix), else against the
 * ElasticMQ of {@code ./dev-stack/start}.
 */
public final class DeadLettersCommand {

    private static final String USAGE = """
            Usage: ./ops/dead-letters list | redrive|discard (--all | MESSAGE-ID...) [--aws --prefix NAME-]
              list     every dead letter: queue, message id, type, order, receive count, failure reason
              redrive  sends the named dead letters (or all) back to the queue they came from
              discard  deletes the named dead letters (or all): poison that can never be handled
              --aws    SQS in AWS with the default credentials and region, instead of dev-stack's ElasticMQ
              --prefix the environment's queue name prefix in AWS, e.g. fulfilment-prod-""";

    private DeadLettersCommand() {}

    public static void main(String[] args) {
        var arguments = new ArrayList<>(List.of(args));
        var aws = arguments.remove("--aws");
        var prefix = option(arguments, "--prefix", "");
        if (arguments.isEmpty() || !Set.of("list", "redrive", "discard").contains(arguments.getFirst())) {
            System.err.println(USAGE);
            System.exit(2);
        }
        try (var deadLetters = new DeadLetters(aws ? DeadLetters.awsClient() : devStackClient(), prefix)) {
            if (arguments.getFirst().equals("list")) {
                var letters = deadLetters.list();
                letters.forEach(DeadLettersCommand::print);
                System.out.println(letters.size() + " dead letter(s)");
                return;
            }
            var ids = Set.copyOf(arguments.subList(1, arguments.size()));
            if (ids.isEmpty()) {
                System.err.println("Name the message ids, or --all.");
                System.exit(2);
            }
            Predicate<DeadLetter> which = letter -> ids.contains("--all") || ids.contains(letter.messageId());
            if (arguments.getFirst().equals("redrive")) {
                var redriven = deadLetters.redrive(which);
                redriven.forEach(DeadLettersCommand::print);
                System.out.println(redriven.size() + " dead letter(s) sent back");
            } else {
                var discarded = deadLetters.discard(which);
                discarded.forEach(DeadLettersCommand::print);
                System.out.println(discarded.size() + " dead letter(s) deleted");
            }
        }
    }

    /** The ElasticMQ of ./dev-stack/start (DEV_STACK_SQS_PORT, 9324 by default). */
    private static SqsClient devStackClient() {
        return DeadLetters.localClient(
                "http://127.0.0.1:" + System.getenv().getOrDefault("DEV_STACK_SQS_PORT", "9324"));
    }

    private static void print(DeadLetter letter) {
        System.out.printf(
                "%-20s %s %-22s order %s, received %d times, sent %s%n    %s%n",
                letter.source().deadLetterQueueName(),
                letter.messageId(),
                letter.type(),
                letter.orderId(),
                letter.receiveCount(),
                letter.sentAt(),
                letter.failureReason() == null
                        ? "(no failure reason: SQS moved it after too many receives)"
                        : letter.failureReason());
    }

    private static String option(List<String> arguments, String name, String fallback) {
        var index = arguments.indexOf(name);
        if (index < 0 || index + 1 >= arguments.size()) {
            return fallback;
        }
        var value = arguments.get(index + 1);
        arguments.remove(index + 1);
        arguments.remove(index);
        return value;
    }
}
