package io.polder.model.write;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

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
            .stringQuotingChecker(new ResolverQuotingChecker())
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
        // Absent record components (null) are left out, but a null inside a free-form map (an argument,
        // a custom property's value) is data and must be written, or the document would not round-trip.
        return mapper.setDefaultPropertyInclusion(
                        JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /**
     * Quotes every string that a YAML 1.1 reader would resolve to another type. Jackson's own checker
     * misses some (1e3, 0x1F, .inf), which then read back as numbers; it also leaves dates unquoted,
     * which other tools read as dates. The reader resolves with SnakeYAML's resolver, so asking it decides.
     */
    private static final class ResolverQuotingChecker extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;
        private static final Resolver RESOLVER = new Resolver();

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || !RESOLVER.resolve(NodeId.scalar, value, true).equals(Tag.STR);
        }
    }
}
