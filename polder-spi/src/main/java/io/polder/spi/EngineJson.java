package io.polder.spi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;

/**
 * The SPI's records (build results, check runs, snapshots, lineage events) as JSON, the way the registry
 * stores them and the API serves them: absent fields left out, instants and durations in ISO-8601.
 */
public final class EngineJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // whole numbers read back as Long, as the YAML reader gives them, so values compare equal after a round trip
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            // and decimals as BigDecimal, keeping their scale: 2.00 (an amount) stays 2.00
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private EngineJson() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new PolderException(ErrorCode.INTERNAL, "cannot write JSON: " + e.getOriginalMessage());
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "cannot read " + type.getSimpleName() + " from JSON: "
                    + e.getOriginalMessage());
        }
    }
}
