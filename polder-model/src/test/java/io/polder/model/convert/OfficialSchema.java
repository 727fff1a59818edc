package io.polder.model.convert;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.polder.model.write.DocumentWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** An official JSON Schema from the standards folder, as the oracle for converted documents. */
final class OfficialSchema {
    static final Path STANDARDS = Path.of(System.getProperty("polder.standards.dir", "../../shared/standards"));

    static final OfficialSchema ODCS_V3_1_0 = load("odcs/schema/odcs-json-schema-v3.1.0.json",
            SpecificationVersion.DRAFT_2019_09);
    static final OfficialSchema ODCS_V3_0_2 = load("odcs/schema/odcs-json-schema-v3.0.2.json",
            SpecificationVersion.DRAFT_2019_09);

    private final Schema schema;

    private OfficialSchema(Schema schema) {
        this.schema = schema;
    }

    private static OfficialSchema load(String file, SpecificationVersion version) {
        try {
            String text = Files.readString(STANDARDS.resolve(file));
            return new OfficialSchema(SchemaRegistry.withDefaultDialect(version).getSchema(text, InputFormat.JSON));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's errors for a plain document (maps, lists, scalars); formats are annotations only. */
    List<String> errors(Object document) {
        List<Error> errors = schema.validate(DocumentWriter.toJson(document), InputFormat.JSON,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(false)));
        return errors.stream().map(error -> error.getInstanceLocation() + ": " + error.getMessage()).toList();
    }
}
