package dev.fulfilment.support.messaging;

import io.opentelemetry.api.trace.Span;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * W3C trace context ({@code traceparent}) carried from the HTTP request that places an order
 * through every message it causes, so that a trace shows the whole saga. When OpenTelemetry
 * traces (in AWS), the message's parent is the current span; otherwise a new span id under
 * the incoming trace.
 */
public final class TraceContext {

    private static final Pattern TRACEPARENT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");
    private static final HexFormat HEX = HexFormat.of();

    private TraceContext() {}

    /** The traceparent of a message sent now: the current span's, else a child of the given one. */
    public static String forMessageSentNow(String incomingTraceparent) {
        var current = Span.current().getSpanContext();
        if (current.isValid()) {
            return "00-" + current.getTraceId() + "-" + current.getSpanId() + "-"
                    + current.getTraceFlags().asHex();
        }
        return childOf(incomingTraceparent);
    }

    /** A child of the incoming context (same trace, new span), or a new trace when there is none. */
    public static String childOf(String traceparent) {
        var matcher = traceparent == null ? null : TRACEPARENT.matcher(traceparent);
        if (matcher == null || !matcher.matches() || matcher.group(1).matches("0+")) {
            return "00-" + randomHex(16) + "-" + randomHex(8) + "-01";
        }
        return "00-" + matcher.group(1) + "-" + randomHex(8) + "-" + matcher.group(3);
    }

    public static boolean isValid(String traceparent) {
        return traceparent != null && TRACEPARENT.matcher(traceparent).matches();
    }

    private static String randomHex(int bytes) {
        var random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        if (random[0] == 0) {
            random[0] = 1; // all-zero ids are invalid
        }
        return HEX.formatHex(random);
    }
}
