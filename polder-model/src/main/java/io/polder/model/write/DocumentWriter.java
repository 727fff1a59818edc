package io.polder.model.write;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;

/**
 * Writes Polder's records (and plain maps) as YAML or JSON. Records are written field by field in the
 * order of their components, which is the order the standards document them; absent fields are left out.
 */
public final class DocumentWriter {
    private static final ObjectMapper YAML = configure(new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build()));
    private static final ObjectMapper JSON = configure(JsonMapper.builder().build())
            .enable(SerializationFeature.INDENT_OUTPUT);

    private DocumentWriter() {
    }

    public static String toYaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new PolderException(ErrorCode.INTERNAL, "cannot write YAML: " + e.getOriginalMessage());
        }
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new PolderException(ErrorCode.INTERNAL, "cannot write JSON: " + e.getOriginalMessage());
        }
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        // Absent record components (null) are left out, but a null inside a map is a value the document
        // holds (ODCS `value: null`), so map entries are always written.
        return mapper.setDefaultPropertyInclusion(
                        JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }
}
