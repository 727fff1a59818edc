package io.polder.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.io.PrintWriter;

/** How listings are printed: a table for people, or the server's items as JSON or YAML for programs. */
enum OutputFormat {
    table, json, yaml;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    /** Prints {@code value} as JSON or YAML; a table is each command's own. */
    void printData(JsonNode value, PrintWriter out) {
        try {
            String text = switch (this) {
                case json -> JSON.writeValueAsString(value) + "\n";
                case yaml -> YAML.writeValueAsString(value);
                case table -> throw new IllegalStateException("a table is printed by its command");
            };
            out.print(text);
            out.flush();
        } catch (JsonProcessingException e) {
            throw new PolderException(ErrorCode.INTERNAL, "cannot print the answer: " + e.getOriginalMessage());
        }
    }
}
