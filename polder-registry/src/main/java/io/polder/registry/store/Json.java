package io.polder.registry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.util.Map;

/**
 * JSON for the store's text columns (details, parsed documents). {@link #write} sorts map keys, so equal
 * content gives equal text (and digests).
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private static final ObjectMapper IN_ORDER = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new PolderException(ErrorCode.INTERNAL, "cannot write JSON: " + e.getOriginalMessage());
        }
    }

    /** JSON with map entries in their own order, for documents kept as the author wrote them. */
    public static String writeInOrder(Object value) {
        try {
            return IN_ORDER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new PolderException(ErrorCode.INTERNAL, "cannot write JSON: " + e.getOriginalMessage());
        }
    }

    public static Map<String, String> readStringMap(String json) {
        try {
            return MAPPER.readValue(json, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new PolderException(ErrorCode.INTERNAL, "stored JSON is unreadable: " + e.getOriginalMessage());
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
