package dev.fulfilment.benchmarks.measure;

import dev.fulfilment.devstack.DevStack;
import dev.fulfilment.devstack.Service;
import dev.fulfilment.testkit.MetricSamples;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the services asked of AWS so far, from their own metrics: requests by service and
 * operation ({@code aws_requests_total}, each try, as SQS bills them) and the capacity units
 * DynamoDB reported consumed, read and write ({@code dynamodb_capacity_units_total}, as an
 * on-demand table bills them).
 *
 * @param requests by "service operation", e.g. "Sqs SendMessageBatch"
 */
public record AwsRequests(Map<String, Double> requests, double readUnits, double writeUnits) {

    public static AwsRequests read(HttpClient http, DevStack stack) throws IOException, InterruptedException {
        var requests = new TreeMap<String, Double>();
        double read = 0;
        double write = 0;
        for (var service : Service.values()) {
            var samples = MetricSamples.parse(MetricSamples.scrape(http, stack.managementUrl(service)));
            for (var sample : samples.samples()) {
                if (sample.name().equals("aws_requests_total")) {
                    requests.merge(
                            sample.labels().get("service") + " "
                                    + sample.labels().get("operation"),
                            sample.value(),
                            Double::sum);
                }
            }
            read += samples.sum("dynamodb_capacity_units_total", Map.of("kind", "read"));
            write += samples.sum("dynamodb_capacity_units_total", Map.of("kind", "write"));
        }
        return new AwsRequests(requests, read, write);
    }

    /** What was asked between the earlier reading and this one. */
    public AwsRequests since(AwsRequests earlier) {
        var used = new TreeMap<String, Double>();
        requests.forEach((name, count) -> used.put(name, count - earlier.requests.getOrDefault(name, 0.0)));
        used.values().removeIf(count -> count == 0);
        return new AwsRequests(used, readUnits - earlier.readUnits, writeUnits - earlier.writeUnits);
    }

    /** Requests to one service, e.g. "Sqs", by operation. */
    public Map<String, Double> of(String service) {
        var byOperation = new TreeMap<String, Double>();
        requests.forEach((name, count) -> {
            if (name.startsWith(service + " ")) {
                byOperation.put(name.substring(service.length() + 1), count);
            }
        });
        return byOperation;
    }

    public double total(String service) {
        return of(service).values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
