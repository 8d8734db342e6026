package dev.fulfilment.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The cost row's arithmetic, with the prices of aws-prices.properties. */
class AwsCostTests {

    @Test
    void aMillionOrdersCostWhatOneUsedAtTheListPricesOfTheRegion() {
        var oneOrder = new AwsCost.PerOrder(4, 2, 6, 2, 3000, 0.001, 0.009);

        var cost = AwsCost.perMillionOrders(oneOrder);

        assertThat(cost.region()).isEqualTo("us-east-1");
        assertThat(cost.sqs()).as("4 requests at $0.40 a million").isCloseTo(1.60, within(1e-9));
        assertThat(cost.dynamoDb())
                .as("6 write units at $0.625, 2 read at $0.125")
                .isCloseTo(4.00, within(1e-9));
        assertThat(cost.auroraIo())
                .as("two commits of 1.5 KB: one 4 KiB write I/O each at $0.20 a million")
                .isCloseTo(0.40, within(1e-9));
        assertThat(cost.auroraCapacity())
                .as("1 ms of the database's CPU is 4 ACU-milliseconds at $0.12 an ACU-hour")
                .isCloseTo(1e6 * 0.004 / 3600 * 0.12, within(1e-9));
        assertThat(cost.fargate())
                .as("9 ms of the services' CPU on tasks of 0.5 vCPU kept at 60 %: 30 task-milliseconds")
                .isCloseTo(1e6 * 0.030 / 3600 * (0.5 * 0.03238 + 0.00356), within(1e-9));
        assertThat(cost.total())
                .isCloseTo(
                        cost.sqs() + cost.dynamoDb() + cost.auroraIo() + cost.auroraCapacity() + cost.fargate(),
                        within(1e-9));
    }
}
