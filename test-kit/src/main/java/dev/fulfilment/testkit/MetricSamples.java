package dev.fulfilment.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of a Prometheus scrape, in either text format a service may answer with: the
 * classic one and OpenMetrics, whose sample lines can end in an exemplar
 * ({@code # {trace_id="..."} 1.0 1795727633.183}) and a timestamp. A sample's value is the
 * token right after its labels, never what follows it.
 */
public record MetricSamples(List<Sample> samples) {

    /** One sample line: metric name, labels in their order, value. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    /** A service's {@code /q/metrics} as Prometheus reads them. */
    public static String scrape(HttpClient http, String managementUrl) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(managementUrl + "/q/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    public static MetricSamples parse(String scrape) {
        var samples = new ArrayList<Sample>();
        for (var line : scrape.lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                samples.add(sample(line));
            }
        }
        return new MetricSamples(List.copyOf(samples));
    }

    /** The sum of the samples of that name whose labels include all the given ones; 0 if none. */
    public double sum(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(sample -> sample.name().equals(name))
                .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value)
                .sum();
    }

    public double sum(String name) {
        return sum(name, Map.of());
    }

    private static Sample sample(String line) {
        var position = 0;
        while (position < line.length() && line.charAt(position) != '{' && line.charAt(position) != ' ') {
            position++;
        }
        var name = line.substring(0, position);
        var labels = new LinkedHashMap<String, String>();
        if (position < line.length() && line.charAt(position) == '{') {
            position = labels(line, position + 1, labels);
        }
        var rest = line.substring(position).trim();
        var end = rest.indexOf(' ');
        var value = end < 0 ? rest : rest.substring(0, end);
        return new Sample(name, labels, parseValue(value, line));
    }

    /** Reads {@code key="value",...}} from after the brace; returns the position after the closing one. */
    private static int labels(String line, int position, Map<String, String> labels) {
        while (position < line.length() && line.charAt(position) != '}') {
            var equals = line.indexOf('=', position);
            if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                throw new IllegalArgumentException("Not a metric sample: " + line);
            }
            var key = line.substring(position, equals).trim();
            var value = new StringBuilder();
            var index = equals + 2;
            for (; index < line.length() && line.charAt(index) != '"'; index++) {
                var character = line.charAt(index);
                if (character == '\\' && index + 1 < line.length()) {
                    var escaped = line.charAt(++index);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(character);
                }
            }
            labels.put(key, value.toString());
            position = index + 1;
            if (position < line.length() && line.charAt(position) == ',') {
                position++;
            }
        }
        if (position >= line.length()) {
            throw new IllegalArgumentException("Not a metric sample: " + line);
        }
        return position + 1;
    }

    private static double parseValue(String value, String line) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Not a metric sample: " + line, e);
                }
            }
        };
    }
}
