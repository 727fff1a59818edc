package io.polder.registry.apply;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.governance.MeshSnapshot;
import io.polder.model.mesh.MeshConfig;
import io.polder.model.odcs.DataContract;
import io.polder.model.odps.DataProduct;
import io.polder.model.odps.CustomProperty;
import io.polder.model.problem.Problem;
import io.polder.model.problem.Severity;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.Position;
import io.polder.model.source.SourceDocument;
import io.polder.model.source.SourceFormat;
import io.polder.model.validate.DocumentValidator;
import io.polder.model.validate.FileValidation;
import io.polder.model.validate.LoadedMesh;
import io.polder.model.validate.MeshChecks;
import io.polder.model.validate.MeshLoader;
import io.polder.model.validate.ProductFolder;
import io.polder.model.validate.ValidatedDocument;
import io.polder.registry.Names;
import io.polder.registry.catalog.LifecycleStatus;
import io.polder.registry.catalog.PortDirection;
import io.polder.registry.catalog.StoredDocument;
import io.polder.registry.store.Json;
import io.polder.spi.exceptions.BuildDefinitionException;
import io.polder.spi.settings.AccessSettingsCheck;
import io.polder.spi.settings.ProductSettings;
import io.polder.spi.settings.ProductSettingsReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses and validates a {@link MeshBundle} with the model, exactly as {@code polder validate} checks a
 * folder: each document by its standard, then the mesh's cross-file rules ({@link MeshChecks}), then what
 * the registry itself needs (ids and versions it can store). The result is the bundle's
 * {@link Declared.Mesh}; any error fails the whole bundle with {@link ErrorCode#INVALID_DOCUMENT}.
 */
final class BundleValidator {
    private static final String SUNSET_PROPERTY = "sunsetDate";
    private static final int MAX_PROBLEMS_REPORTED = 500;

    private final DocumentReader reader = DocumentReader.withDefaults();
    private final DocumentValidator validator = new DocumentValidator(reader);

    Declared.Mesh validate(MeshBundle bundle) {
        List<Problem> problems = new ArrayList<>();
        FileValidation meshFile = validate(bundle.meshYaml(), MeshLoader.MESH_FILE, problems);
        ValidatedDocument.Mesh mesh = single(meshFile, ValidatedDocument.Mesh.class, problems,
                "mesh.yaml must hold the mesh (`kind: Mesh`)");
        List<ProductFolder> folders = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (MeshBundle.BundleProduct product : bundle.products()) {
            ProductFolder folder = folder(product, problems, texts);
            if (folder != null) {
                folders.add(folder);
            }
        }
        if (mesh == null) {
            problems.add(Problem.error(MeshLoader.MESH_FILE, Position.START, "", "the bundle has no valid mesh.yaml"));
        } else {
            problems.addAll(MeshChecks.check(new LoadedMesh(Path.of("."), mesh, folders, List.of())));
            checkPrincipals(mesh, problems);
        }
        Map<String, List<Declared.File>> files = new LinkedHashMap<>();
        for (MeshBundle.BundleProduct product : bundle.products()) {
            files.put(product.path(), ProductFiles.check(product, problems));
            folders.stream().filter(folder -> folder.displayPath().equals(product.path())).findFirst()
                    .ifPresent(folder -> problems.addAll(accessProblems(product, folder, mesh)));
        }
        List<Declared.Product> products = new ArrayList<>();
        for (ProductFolder folder : folders) {
            products.add(declare(folder, texts, files.get(folder.displayPath()), problems));
        }
        failOnErrors(problems);
        List<String> warnings = problems.stream().map(Problem::format).toList();
        MeshSnapshot snapshot = MeshSnapshot.of(new LoadedMesh(Path.of("."), mesh, folders, List.of()));
        return new Declared.Mesh(domains(mesh.config()), teams(mesh.config()), products, warnings, snapshot);
    }

    /** The polder.yaml's auto-approvals against the product's output ports and mesh.yaml's teams. */
    private static List<Problem> accessProblems(MeshBundle.BundleProduct product, ProductFolder folder,
                                                ValidatedDocument.Mesh mesh) {
        if (product.settingsYaml() == null) {
            return List.of();
        }
        String display = product.path() + "/" + ProductSettings.FILE_NAME;
        ProductSettings settings;
        try {
            settings = ProductSettingsReader.parse(product.settingsYaml(), display);
        } catch (BuildDefinitionException e) {
            return List.of(); // its problems are reported by ProductFiles
        }
        return AccessSettingsCheck.check(settings.access(), display, folder.product().product().outputPortList().stream()
                .map(io.polder.model.odps.OutputPort::name).toList(),
                mesh == null ? null : teams(mesh.config()).stream().map(Declared.Team::id).toList());
    }

    private FileValidation validate(String text, String displayName, List<Problem> problems) {
        FileValidation validation = validator.validate(reader.read(text, displayName, SourceFormat.ofFileName(displayName)));
        problems.addAll(validation.problems());
        return validation;
    }

    private ProductFolder folder(MeshBundle.BundleProduct product, List<Problem> problems, Map<String, String> texts) {
        String productFile = product.path() + "/" + MeshLoader.PRODUCT_FILE;
        texts.put(productFile, product.productYaml());
        ValidatedDocument.Product document = single(validate(product.productYaml(), productFile, problems),
                ValidatedDocument.Product.class, problems,
                MeshLoader.PRODUCT_FILE + " must hold a data product (`kind: DataProduct`, ODPS)");
        List<ValidatedDocument.Contract> contracts = new ArrayList<>();
        for (MeshBundle.BundleFile file : product.contracts()) {
            String display = product.path() + "/" + MeshLoader.CONTRACTS_DIR + "/" + file.name();
            texts.put(display, file.text());
            ValidatedDocument.Contract contract = single(validate(file.text(), display, problems),
                    ValidatedDocument.Contract.class, problems,
                    "files in contracts/ must hold a data contract (`kind: DataContract`, ODCS)");
            if (contract != null) {
                contracts.add(contract);
            }
        }
        return document == null ? null
                : new ProductFolder(Path.of(product.path()), product.path(), document, contracts, List.of());
    }

    /** The one document of the expected kind in a file, or null with a problem when it holds something else. */
    private static <T extends ValidatedDocument> T single(FileValidation validation, Class<T> kind,
                                                          List<Problem> problems, String expectation) {
        if (validation.documents().size() == 1 && kind.isInstance(validation.documents().getFirst())) {
            return kind.cast(validation.documents().getFirst());
        }
        if (validation.documents().isEmpty() && !validation.problems().isEmpty()) {
            return null;
        }
        String message = validation.documents().size() > 1
                ? "expected one document in this file, found " + validation.documents().size() : expectation;
        problems.add(Problem.error(validation.file(), Position.START, "", message));
        return null;
    }

    private Declared.Product declare(ProductFolder folder, Map<String, String> texts, List<Declared.File> files,
                                     List<Problem> problems) {
        DataProduct product = folder.product().product();
        SourceDocument document = folder.product().source();
        require(document, "/id", product.id(), Names.ID, "a product id the registry can store: a lowercase id", problems);
        require(document, "/version", product.version(), Names.VERSION,
                "a version: the registry keeps every version of a product", problems);
        List<Declared.Contract> contracts = new ArrayList<>();
        for (ValidatedDocument.Contract contract : folder.contracts()) {
            contracts.add(declare(contract, texts.get(contract.source().file()), problems));
        }
        LifecycleStatus lifecycle = lifecycle(product.status());
        LocalDate sunset = sunsetDate(document, product, lifecycle, problems);
        return new Declared.Product(product.id(), product.domain(), product.teamName().orElse(null), product.name(),
                product.version(), product.status(), lifecycle, sunset, document.file(),
                stored(texts.get(document.file()), document), ports(product), contracts, files);
    }

    private Declared.Contract declare(ValidatedDocument.Contract validated, String text, List<Problem> problems) {
        DataContract contract = validated.contract();
        require(validated.source(), "/id", contract.id(), Names.CONTRACT_ID,
                "a contract id the registry can store: letters, digits and . _ : -", problems);
        require(validated.source(), "/version", contract.version(), Names.VERSION, "a version", problems);
        return new Declared.Contract(contract.id(), contract.version(), contract.name(), contract.status(),
                validated.source().file(), stored(text, validated.source()));
    }

    private static List<Declared.Port> ports(DataProduct product) {
        List<Declared.Port> ports = new ArrayList<>();
        product.inputPortList().forEach(port -> ports.add(new Declared.Port(PortDirection.INPUT, port.name(),
                port.version(), null, port.contractId(), null)));
        product.outputPortList().forEach(port -> ports.add(new Declared.Port(PortDirection.OUTPUT, port.name(),
                port.version(), port.type(), port.contractId(), port.description())));
        return ports;
    }

    /** The lifecycle status a product's {@code status} asks for; null for statuses outside the lifecycle. */
    static LifecycleStatus lifecycle(String status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case "draft", "proposed" -> LifecycleStatus.DRAFT;
            case "active" -> LifecycleStatus.ACTIVE;
            case "deprecated" -> LifecycleStatus.DEPRECATED;
            case "retired" -> LifecycleStatus.RETIRED;
            default -> null;
        };
    }

    private static LocalDate sunsetDate(SourceDocument document, DataProduct product, LifecycleStatus lifecycle,
                                        List<Problem> problems) {
        Object value = product.customProperties() == null ? null : product.customProperties().stream()
                .filter(property -> SUNSET_PROPERTY.equals(property.property()))
                .map(CustomProperty::value).filter(Objects::nonNull).findFirst().orElse(null);
        if (lifecycle != LifecycleStatus.DEPRECATED) {
            return null;
        }
        if (value == null) {
            problems.add(error(document, "/status", "a deprecated product needs a sunset date: add a custom property"
                    + " `sunsetDate` with the day it will be retired (YYYY-MM-DD)"));
            return null;
        }
        try {
            return LocalDate.parse(value.toString());
        } catch (DateTimeParseException e) {
            problems.add(error(document, "/customProperties", "custom property `sunsetDate` must be a date"
                    + " (YYYY-MM-DD), found '" + value + "'"));
            return null;
        }
    }

    private static StoredDocument stored(String text, SourceDocument document) {
        Object plain = plain(document);
        String json = Json.write(plain);
        return new StoredDocument(text, Json.writeInOrder(plain), Declared.sha256(json));
    }

    private static Object plain(SourceDocument document) {
        return switch (document.root()) {
            case io.polder.model.source.MapNode map -> map.toPlain();
            case io.polder.model.source.ListNode list -> list.toPlain();
            case io.polder.model.source.ScalarNode scalar -> scalar.toPlain();
        };
    }

    /** Owners and members become rows keyed by their names, which must have a shape the registry stores. */
    private static void checkPrincipals(ValidatedDocument.Mesh mesh, List<Problem> problems) {
        List<MeshConfig.Domain> domains = mesh.config().domains() == null ? List.of() : mesh.config().domains();
        for (int i = 0; i < domains.size(); i++) {
            List<String> owners = domains.get(i).owners() == null ? List.of() : domains.get(i).owners();
            for (int j = 0; j < owners.size(); j++) {
                require(mesh.source(), "/domains/" + i + "/owners/" + j, owners.get(j), Names.PRINCIPAL,
                        "a principal name: letters, digits and . _ @ + : -", problems);
            }
        }
        List<MeshConfig.Team> teams = mesh.config().teams() == null ? List.of() : mesh.config().teams();
        for (int i = 0; i < teams.size(); i++) {
            List<MeshConfig.Member> members = teams.get(i).members() == null ? List.of() : teams.get(i).members();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int j = 0; j < members.size(); j++) {
                String pointer = "/teams/" + i + "/members/" + j + "/username";
                require(mesh.source(), pointer, members.get(j).username(), Names.PRINCIPAL,
                        "a principal name: letters, digits and . _ @ + : -", problems);
                if (members.get(j).username() != null && !seen.add(members.get(j).username())) {
                    problems.add(error(mesh.source(), pointer, "`" + members.get(j).username()
                            + "` is listed twice in team `" + teams.get(i).id() + "`"));
                }
            }
        }
    }

    private static List<Declared.Domain> domains(MeshConfig config) {
        return config.domains() == null ? List.of() : config.domains().stream()
                .map(domain -> new Declared.Domain(domain.id(), domain.name(), domain.description(),
                        domain.owners() == null ? List.of() : domain.owners().stream().distinct().sorted().toList()))
                .toList();
    }

    private static List<Declared.Team> teams(MeshConfig config) {
        return config.teams() == null ? List.of() : config.teams().stream()
                .map(team -> new Declared.Team(team.id(), team.domain(), team.name(), team.description(),
                        team.members() == null ? List.of() : team.members().stream()
                                .map(member -> new Declared.Member(member.username(), member.name(),
                                        member.role() == null ? null : member.role().value()))
                                .toList()))
                .toList();
    }

    private static void require(SourceDocument document, String pointer, String value, java.util.regex.Pattern shape,
                                String expectation, List<Problem> problems) {
        if (!Names.matches(shape, value)) {
            problems.add(error(document, pointer, "the registry needs " + expectation + "; found "
                    + Names.quoteForMessage(value)));
        }
    }

    private static Problem error(SourceDocument document, String pointer, String message) {
        return new Problem(document.file(), document.positionOf(pointer), pointer, Severity.ERROR, message);
    }

    private static void failOnErrors(List<Problem> problems) {
        List<Problem> errors = problems.stream().filter(Problem::isError).toList();
        if (errors.isEmpty()) {
            return;
        }
        List<Map<String, Object>> reported = errors.stream().limit(MAX_PROBLEMS_REPORTED).map(BundleValidator::describe)
                .toList();
        String first = errors.getFirst().format();
        throw new PolderException(ErrorCode.INVALID_DOCUMENT, "the bundle has " + errors.size()
                + (errors.size() == 1 ? " error: " : " errors; the first: ") + first,
                Map.of("problems", reported), null);
    }

    private static Map<String, Object> describe(Problem problem) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("file", problem.file());
        described.put("line", problem.position().line());
        described.put("column", problem.position().column());
        described.put("pointer", problem.pointer());
        described.put("severity", problem.severity().name().toLowerCase(java.util.Locale.ROOT));
        described.put("message", problem.message());
        return described;
    }
}
