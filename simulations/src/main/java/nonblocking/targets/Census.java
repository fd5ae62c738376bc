package nonblocking.targets;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The part of a target's {@code GET /threads} answer that the ladder uses. Fields missing from the answer
 * are null, so a server with a smaller census still works.
 */
public record Census(
        String model,
        String jdk,
        Integer platformThreadsLive,
        Integer platformThreadsPeak,
        Long inFlight,
        Long inFlightPeak,
        Long heapUsedBytes,
        Long rssBytes,
        Integer threads,
        Integer maxVirtualThreads) {

    public static Census of(JsonNode json) {
        return new Census(
                text(json, "model"),
                text(json, "jdk"),
                integer(json, "platform_threads_live"),
                integer(json, "platform_threads_peak"),
                number(json, "in_flight"),
                number(json, "in_flight_peak"),
                number(json, "heap_used_bytes"),
                number(json, "rss_bytes"),
                integer(json, "threads"),
                integer(json, "max_virtual_threads"));
    }

    /** Platform threads as the peak since the last reset when known, else the live count. */
    public Integer platformThreads() {
        return platformThreadsPeak != null ? platformThreadsPeak : platformThreadsLive;
    }

    public Long inFlightHigh() {
        return inFlightPeak != null ? inFlightPeak : inFlight;
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Long number(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || !node.isNumber() ? null : node.asLong();
    }

    private static Integer integer(JsonNode json, String field) {
        Long value = number(json, field);
        return value == null ? null : Math.toIntExact(value);
    }
}
