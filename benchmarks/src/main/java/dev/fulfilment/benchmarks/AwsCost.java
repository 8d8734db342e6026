package dev.fulfilment.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What a million orders cost in AWS at list prices, from what one order used in a load run:
 * SQS requests, DynamoDB capacity units, PostgreSQL commits and write-ahead log (Aurora's I/O),
 * and CPU (Fargate for the services, Aurora's capacity units for the database). The prices and
 * the deployed sizes are in {@code aws-prices.properties}; docs/benchmarks.md shows the sums.
 *
 * @param sqs dollars per million orders, and so on for each
 */
record AwsCost(String region, double sqs, double dynamoDb, double auroraIo, double auroraCapacity, double fargate) {

    /** What one order used. */
    record PerOrder(
            double sqsRequests,
            double readUnits,
            double writeUnits,
            double commits,
            double walBytes,
            double databaseCpuSeconds,
            double servicesCpuSeconds) {}

    private static final double MILLION = 1_000_000;
    private static final double WRITE_IO_BYTES = 4096;

    static AwsCost perMillionOrders(PerOrder used) {
        var prices = prices();
        var sqs = used.sqsRequests() * price(prices, "sqs.standard.per-million-requests");
        var dynamoDb = used.writeUnits() * price(prices, "dynamodb.on-demand.per-million-write-units")
                + used.readUnits() * price(prices, "dynamodb.on-demand.per-million-read-units");
        // Aurora writes its log to storage in I/Os of up to 4 KiB; reads of a warm cache make none.
        var writeIos =
                used.commits() == 0 ? 0 : used.commits() * Math.ceil(used.walBytes() / used.commits() / WRITE_IO_BYTES);
        var auroraIo = writeIos * price(prices, "aurora.standard.per-million-io");
        var acuHours = used.databaseCpuSeconds() / price(prices, "aurora.vcpu-per-acu") / 3600 * MILLION;
        var auroraCapacity = acuHours * price(prices, "aurora.serverless-v2.per-acu-hour");
        // A task is paid for whole and runs at the autoscaling target on average.
        var taskVcpu = price(prices, "fargate.task.vcpu");
        var taskPerHour = taskVcpu * price(prices, "fargate.arm64.per-vcpu-hour")
                + price(prices, "fargate.task.memory-gb") * price(prices, "fargate.arm64.per-gb-hour");
        var taskHours = used.servicesCpuSeconds()
                / (taskVcpu * price(prices, "fargate.cpu-target-percent") / 100)
                / 3600
                * MILLION;
        var fargate = taskHours * taskPerHour;
        return new AwsCost(prices.getProperty("region"), sqs, dynamoDb, auroraIo, auroraCapacity, fargate);
    }

    double total() {
        return sqs + dynamoDb + auroraIo + auroraCapacity + fargate;
    }

    private static Properties prices() {
        var prices = new Properties();
        try (var in = AwsCost.class.getResourceAsStream("/aws-prices.properties")) {
            prices.load(in);
            return prices;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read aws-prices.properties", e);
        }
    }

    private static double price(Properties prices, String name) {
        var value = prices.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("aws-prices.properties has no " + name);
        }
        return Double.parseDouble(value);
    }
}
