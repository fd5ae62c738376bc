package nonblocking.ladder;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code -D} keys as typed records, bound by Jackson from the flat properties; null where a key is not given or
 * blank. A value of the wrong type is a one-line "-D<key>=<raw> must be …". Ranges and the rules between keys are
 * their readers' ({@link LadderConfig}, {@link TargetProperties}).
 */
final class Keys {

    /** The run-wide keys. */
    record Run(String profile, String levels, String targets, String load, Double hold, Double ramp, Double warmup,
               @JsonProperty("warmup.max") Double warmupMax,
               @JsonProperty("wait") String waitKind, Long pause, Long timeout, Long work, Long stall,
               @JsonProperty("slo.p99") Long sloP99, @JsonProperty("slo.ko") Double sloKo,
               @JsonProperty("target.heap") String heap, Boolean remote, Boolean earlyStop,
               @JsonProperty("gap.of") String gapOf, @JsonProperty("gap.over") String gapOver, String runId,
               @JsonProperty("nonblocking.output") String output,
               @JsonProperty("nonblocking.gatlingResults") String gatlingResults,
               Long injectors, Long injector, String coordinator,
               @JsonProperty("rendezvous.timeout") Double rendezvousTimeout,
               @JsonProperty("auto.from") Long autoFrom, @JsonProperty("auto.max") Long autoMax,
               @JsonProperty("auto.within") Double autoWithin, @JsonProperty("auto.probes") Long autoProbes,
               Boolean calibrate) {
    }

    /** One target's {@code -D<name>.*} keys, named without the prefix; its headers are read apart, by prefix. */
    record Target(String model, Long threads, String maxVirtualThreads, String url, String census, Boolean seed,
                  String method, String body, Long timeout, Long pause, String flow,
                  @JsonProperty("slo.p99") Long sloP99, @JsonProperty("slo.ko") Double sloKo) {
    }

    private static final ObjectMapper MAPPER = mapper();

    private Keys() {
    }

    /** The keys a record binds: its components' names, or the names their {@link JsonProperty} gives. */
    static List<String> names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(component -> {
            JsonProperty named = component.getAccessor().getAnnotation(JsonProperty.class);
            return named != null ? named.value() : component.getName();
        }).toList();
    }

    static Run run(Map<String, String> props) {
        return bind(props, "", Run.class);
    }

    static Target target(String name, Map<String, String> props) {
        return bind(props, name + ".", Target.class);
    }

    /** The keys under {@code prefix}, bound to {@code type}; the system's own properties (java.*) are ignored. */
    private static <T> T bind(Map<String, String> props, String prefix, Class<T> type) {
        Map<String, String> own = new LinkedHashMap<>();
        props.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                own.put(key.substring(prefix.length()), value.trim());
            }
        });
        return convert(own, type, prefix, props);
    }

    /** A whole number that may also be a word (e.g. "unbounded"), bound once the word is ruled out. */
    static Long whole(String key, String raw) {
        return convert(raw, Long.class, key, Map.of(key, raw));
    }

    /** {@code value} as {@code type}; a wrong value is named prefix + its path, with its raw text from props. */
    private static <T> T convert(Object value, Class<T> type, String prefix, Map<String, String> props) {
        try {
            return MAPPER.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof InvalidFormatException wrong) {
                String key = prefix + (wrong.getPath().isEmpty() ? "" : wrong.getPath().getFirst().getFieldName());
                Class<?> target = wrong.getTargetType();
                throw Overrides.bad(key, props.get(key), "must be " + (target == Boolean.class
                        ? "true or false" : target == Double.class ? "a number" : "a whole number"));
            }
            throw e;
        }
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .registerModule(new SimpleModule().addDeserializer(Boolean.class, new Flag()));
        mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull);
        return mapper;
    }

    /** true or false; a bare {@code -Dremote} means true, as for Maven's own flags. */
    private static final class Flag extends StdScalarDeserializer<Boolean> {
        Flag() {
            super(Boolean.class);
        }

        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return switch (parser.getValueAsString().toLowerCase(Locale.ROOT)) {
                case "true", "" -> true;
                case "false" -> false;
                default -> (Boolean) context.handleWeirdStringValue(Boolean.class, parser.getValueAsString(),
                        "only \"true\" or \"false\" recognized");
            };
        }
    }
}
