package io.polder.model.conformance;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The test oracle: the official JSON Schemas of ODCS, ODPS and DCS, applied with
 * {@code com.networknt:json-schema-validator} the way the standards folder's README made its verdicts
 * ({@code format} not asserted, YAML timestamps kept as strings — see {@link Documents}).
 *
 * <p>A document is checked against the schema of the version it declares; see
 * {@link #schemaFile(Standard, String)} for the mapping and why it falls back to the current version.
 *
 * <p>Findings on the corpus (all asserted in {@code OfficialSchemasTest}; networknt agrees with Python
 * {@code jsonschema} 4.26 on every corpus document and on every mutation of them):
 * <ul>
 *   <li>Against each standard's current schema, every document gets exactly the README's verdict.
 *   <li>By declared version, 10 of the 91 documents get the other verdict, so "validate by the declared version"
 *       and "agree with the README" cannot both hold for them:
 *       <ul>
 *         <li>ODPS: both examples declare {@code v0.9.0}. {@code customer-data-product} uses the v1.0.0 team object
 *             (and v1.0.0 port fields, and a v1.0.0 authoritative-definition type): invalid against v0.9.0, valid
 *             against v1.0.0. {@code simple-data-product} has no team and is valid against both. The v1.0.0 schema's
 *             {@code apiVersion} enum itself accepts {@code v0.9.0}.
 *         <li>ODCS declaring v3.0.x, invalid against v3.0.2 but valid against v3.1.0 (they use v3.1.0 features: the
 *             team object, {@code metric} quality rules, new logical types, the {@code impala} server type):
 *             odcs examples {@code all-data-types}, {@code column-completeness}, {@code basic-four-dpo}; fixtures
 *             {@code changelog_integration_v2}, {@code lint/valid.odcs.yaml}, {@code quality-sql-dialects/impala}.
 *         <li>ODCS declaring v3.0.2, valid against v3.0.2 but invalid against v3.1.0, because v3.1.0 closed the
 *             server objects: {@code quality-sql-dialects/api}, {@code kafka}, {@code redshift}.
 *       </ul>
 *   <li>"8 of the 18 ODCS examples fail against v3.0.2" holds, but only 5 of the 8 declare v3.1.0; the other 3
 *       declare v3.0.2 (listed above).
 *   <li>The DCS schema has no external {@code $ref} (all are {@code #/$defs/...}); {@code definition.schema.json} is a
 *       separate schema for definition files. Relative references would still resolve inside the folder.
 * </ul>
 */
public final class OfficialSchemas {
    /** Schemas are loaded under this made-up base, so that every {@code $ref} resolves to a file in the folder. */
    private static final String BASE_IRI = "https://standards.polder.invalid/";

    private final Path standardsDir;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    public OfficialSchemas(Path standardsDir) {
        this.standardsDir = standardsDir.toAbsolutePath().normalize();
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09, builder -> builder
                .schemaRegistryConfig(SchemaRegistryConfig.builder()
                        // Python jsonschema does not assert format by default; networknt would for draft-07 (DCS)
                        .formatAssertionsEnabled(false)
                        .build())
                // Offline: only the standards folder (and the meta-schemas inside the validator jar) can be
                // loaded; remote fetching is off by default in networknt 3.x and stays off.
                .resourceLoaders(loaders -> loaders.resources(this::readSchemaText)));
    }

    /** One instance per test JVM, for the folder named by the {@code polder.standards.dir} system property. */
    public static OfficialSchemas shared() {
        return Shared.INSTANCE;
    }

    /** Lazy holder: schemas take a moment to load, so tests share one instance. */
    private static final class Shared {
        static final OfficialSchemas INSTANCE = new OfficialSchemas(StandardsCorpus.root());
    }

    /**
     * The schema file (relative to the standards folder) for a declared version. Versions that have no schema of
     * their own, or no version at all, fall back to the current schema: its {@code apiVersion} enum then decides
     * whether the declared value is acceptable, which is what upstream tooling does with one "latest" schema.
     */
    public static String schemaFile(Standard standard, String declaredVersion) {
        String version = declaredVersion == null ? standard.currentVersion() : declaredVersion;
        return switch (standard) {
            case ODCS -> switch (version) {
                case "v3.0.0", "v3.0.1", "v3.0.2" -> "odcs/schema/odcs-json-schema-v3.0.2.json";
                default -> "odcs/schema/odcs-json-schema-v3.1.0.json";
            };
            case ODPS -> switch (version) {
                case "v0.9.0" -> "odps/schema/odps-json-schema-v0.9.0.json";
                default -> "odps/schema/odps-json-schema-v1.0.0.json";
            };
            // one schema: its dataContractSpecification enum lists every released version
            case DCS -> "datacontract-specification/schema/datacontract.schema.json";
        };
    }

    /** The official errors for a document given as a generic tree (Map/List/scalars). Empty when valid. */
    public List<String> errors(Standard standard, String version, Map<String, ?> document) {
        return errors(standard, version, Documents.toNode(document));
    }

    /** The official errors for a document given as a Jackson 2 tree (Polder's own parser). Empty when valid. */
    public List<String> errors(Standard standard, String version, com.fasterxml.jackson.databind.JsonNode document) {
        return errors(standard, version, Documents.toNode(document));
    }

    /** The official errors for a document given as a Jackson 3 tree. Empty when valid. */
    public List<String> errors(Standard standard, String version, JsonNode document) {
        return schema(schemaFile(standard, version)).validate(document).stream()
                .map(OfficialSchemas::describe)
                .toList();
    }

    /** The verdict for a document of a known standard, by the version the document itself declares. */
    public Verdict verdict(Standard standard, Map<String, ?> document) {
        String declared = standard.declaredVersion(document).orElse(null);
        return new Verdict(standard, declared, schemaFile(standard, declared), errors(standard, declared, document));
    }

    /** Reads a YAML or JSON file, recognises its standard from its content, and judges it by its declared version. */
    public Verdict verdict(Path file) {
        Map<String, Object> document = Documents.readTree(file);
        Standard standard = Standard.detect(document)
                .orElseThrow(() -> new IllegalArgumentException(file + " is not an ODCS, ODPS or DCS document"));
        return verdict(standard, document);
    }

    private Schema schema(String file) {
        return schemas.computeIfAbsent(file, f -> {
            Schema schema = registry.getSchema(SchemaLocation.of(BASE_IRI + f));
            schema.initializeValidators(); // resolve every $ref now, so a broken schema fails at first use
            return schema;
        });
    }

    private String readSchemaText(String iri) {
        if (!iri.startsWith(BASE_IRI)) {
            return null; // not ours: let the validator's classpath loader find its meta-schemas
        }
        Path file = standardsDir.resolve(iri.substring(BASE_IRI.length())).normalize();
        // IRI resolution already stops ".." at the base; this guards against anything that slips past it
        if (!file.startsWith(standardsDir)) {
            throw new IllegalArgumentException("schema reference leaves the standards folder: " + iri);
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + file, e);
        }
    }

    private static String describe(Error error) {
        String pointer = error.getInstanceLocation().toString();
        return (pointer.isEmpty() ? "/" : pointer) + ": " + error.getMessage();
    }
}
