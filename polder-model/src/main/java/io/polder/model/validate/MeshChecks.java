package io.polder.model.validate;

import io.polder.model.bind.Hints;
import io.polder.model.mesh.MeshConfig;
import io.polder.model.odcs.DataContract;
import io.polder.model.odps.DataProduct;
import io.polder.model.odps.InputPort;
import io.polder.model.odps.OutputPort;
import io.polder.model.problem.Problem;
import io.polder.model.problem.Severity;
import io.polder.model.source.SourceDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a mesh that no single file can check: ids are unique; products belong to domains and teams
 * that exist; every output port's contract is in the product's folder with the same version; every input
 * port consumes another product's output-port contract at its version; versions are semver; and the
 * product graph has no cycle.
 */
public final class MeshChecks {
    /** Semantic Versioning 2.0.0, as semver.org gives it. */
    static final Pattern SEMVER = Pattern.compile("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");
    /**
     * The product statuses a mesh accepts: those the ODPS schemas list (as examples only, so a product file
     * checked on its own may say anything), which are the states of Polder's lifecycle ({@code proposed} counts
     * as draft). In a mesh the status drives the lifecycle and the policies that depend on it, so a typo must
     * not pass as draft.
     */
    public static final List<String> PRODUCT_STATUSES = List.of("proposed", "draft", "active", "deprecated", "retired");

    private final LoadedMesh mesh;
    private final List<Problem> problems = new ArrayList<>();
    /** Every output-port contract in the mesh by id, with the product that offers it. */
    private final Map<String, Offered> offered = new HashMap<>();

    private record Offered(ProductFolder product, ValidatedDocument.Contract contract) {
    }

    private MeshChecks(LoadedMesh mesh) {
        this.mesh = mesh;
    }

    public static List<Problem> check(LoadedMesh mesh) {
        MeshChecks checks = new MeshChecks(mesh);
        checks.run();
        return List.copyOf(checks.problems);
    }

    private void run() {
        mesh.meshDocument().ifPresent(this::checkMeshConfig);
        checkUniqueIds();
        for (ProductFolder folder : mesh.products()) {
            checkOwnership(folder);
            checkStatus(folder);
            checkOutputPorts(folder);
            checkVersions(folder);
        }
        for (ProductFolder folder : mesh.products()) {
            checkInputPorts(folder);
        }
        checkCycles();
    }

    private void checkMeshConfig(ValidatedDocument.Mesh document) {
        MeshConfig config = document.config();
        duplicates(config.domains() == null ? List.of() : config.domains().stream().map(MeshConfig.Domain::id).toList(),
                document.source(), "/domains", "id", "domain");
        List<MeshConfig.Team> teams = config.teams() == null ? List.of() : config.teams();
        duplicates(teams.stream().map(MeshConfig.Team::id).toList(), document.source(), "/teams", "id", "team");
        for (int i = 0; i < teams.size(); i++) {
            MeshConfig.Team team = teams.get(i);
            if (team.domain() != null && config.domain(team.domain()).isEmpty()) {
                error(document.source(), "/teams/" + i + "/domain", "team `" + team.id() + "` names domain `"
                        + team.domain() + "`, which mesh.yaml does not declare" + knownIds(domainIds(config)));
            }
        }
    }

    private void duplicates(List<String> ids, SourceDocument source, String listPointer, String field, String what) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null) {
                continue;
            }
            Integer earlier = first.putIfAbsent(id, i);
            if (earlier != null) {
                error(source, listPointer + "/" + i + "/" + field, "duplicate " + what + " id `" + id
                        + "` (also at line " + source.positionOf(listPointer + "/" + earlier).line() + ")");
            }
        }
    }

    private void checkUniqueIds() {
        Map<String, ProductFolder> products = new HashMap<>();
        Map<String, String> contractFiles = new HashMap<>();
        for (ProductFolder folder : mesh.products()) {
            DataProduct product = folder.product().product();
            if (product.id() != null) {
                ProductFolder earlier = products.putIfAbsent(product.id(), folder);
                if (earlier != null) {
                    error(folder.product().source(), "/id", "duplicate product id `" + product.id() + "` (also in "
                            + earlier.product().source().file() + ")");
                }
            }
            for (ValidatedDocument.Contract contract : folder.contracts()) {
                String id = contract.contract().id();
                if (id == null) {
                    continue;
                }
                String earlier = contractFiles.putIfAbsent(id, contract.source().file());
                if (earlier != null) {
                    error(contract.source(), "/id", "duplicate contract id `" + id + "` (also in " + earlier + ")");
                }
            }
            Set<String> portKeys = new HashSet<>();
            List<OutputPort> ports = product.outputPortList();
            for (int i = 0; i < ports.size(); i++) {
                if (!portKeys.add(ports.get(i).name() + "@" + ports.get(i).version())) {
                    error(folder.product().source(), "/outputPorts/" + i + "/name", "duplicate output port `"
                            + ports.get(i).name() + "` version " + ports.get(i).version());
                }
            }
        }
    }

    private void checkOwnership(ProductFolder folder) {
        SourceDocument source = folder.product().source();
        DataProduct product = folder.product().product();
        MeshConfig config = mesh.meshDocument().map(ValidatedDocument.Mesh::config).orElse(null);
        if (config == null) {
            return; // mesh.yaml itself is reported
        }
        if (product.domain() == null) {
            error(source, "", "product `" + product.id() + "` names no `domain`; every product belongs to one of"
                    + " the mesh's domains" + knownIds(domainIds(config)));
        } else if (config.domain(product.domain()).isEmpty()) {
            error(source, "/domain", "domain `" + product.domain() + "` is not declared in mesh.yaml"
                    + knownIds(domainIds(config)));
        }
        String teamId = product.teamName().orElse(null);
        if (teamId == null) {
            error(source, product.team() == null ? "" : "/team", "product `" + product.id()
                    + "` names no owning team; set `team.name` to a team id from mesh.yaml" + knownIds(teamIds(config)));
            return;
        }
        config.team(teamId).ifPresentOrElse(team -> {
            if (product.domain() != null && !product.domain().equals(team.domain())) {
                error(source, "/team/name", "team `" + teamId + "` belongs to domain `" + team.domain()
                        + "`, but the product is in domain `" + product.domain() + "`");
            }
        }, () -> error(source, "/team/name", "team `" + teamId + "` is not declared in mesh.yaml" + knownIds(teamIds(config))));
    }

    private void checkStatus(ProductFolder folder) {
        String status = folder.product().product().status();
        if (status == null || PRODUCT_STATUSES.contains(status)) {
            return; // a missing status is the standard's error, already reported
        }
        String nearest = Hints.nearest(status, PRODUCT_STATUSES);
        error(folder.product().source(), "/status", "status '" + status + "' is not one of "
                + String.join(", ", PRODUCT_STATUSES) + (nearest == null ? "" : "; did you mean `" + nearest + "`?"));
    }

    private void checkOutputPorts(ProductFolder folder) {
        SourceDocument source = folder.product().source();
        Map<String, ValidatedDocument.Contract> inFolder = new LinkedHashMap<>();
        folder.contracts().forEach(contract -> inFolder.putIfAbsent(contract.contract().id(), contract));
        Set<String> used = new HashSet<>();
        List<OutputPort> ports = folder.product().product().outputPortList();
        for (int i = 0; i < ports.size(); i++) {
            OutputPort port = ports.get(i);
            String pointer = "/outputPorts/" + i;
            if (port.contractId() == null) {
                error(source, pointer, "output port `" + port.name() + "` has no `contractId`; every output port is"
                        + " backed by a contract in " + folder.displayPath() + "/contracts/");
                continue;
            }
            ValidatedDocument.Contract contract = inFolder.get(port.contractId());
            if (contract == null) {
                error(source, pointer + "/contractId", "output port `" + port.name() + "` names contract `"
                        + port.contractId() + "`, which is not in " + folder.displayPath() + "/contracts/"
                        + knownIds(inFolder.keySet()));
                continue;
            }
            used.add(port.contractId());
            offered.putIfAbsent(port.contractId(), new Offered(folder, contract));
            String contractVersion = contract.contract().version();
            if (port.version() != null && contractVersion != null && !port.version().equals(contractVersion)) {
                error(source, pointer + "/version", "output port `" + port.name() + "` is version " + port.version()
                        + " but its contract `" + port.contractId() + "` is version " + contractVersion
                        + " (" + contract.source().file() + "); they must agree");
            }
        }
        inFolder.forEach((id, contract) -> {
            if (id != null && !used.contains(id)) {
                warning(contract.source(), "/id", "contract `" + id + "` backs no output port of product `"
                        + folder.product().product().id() + "`");
            }
        });
    }

    private void checkVersions(ProductFolder folder) {
        DataProduct product = folder.product().product();
        SourceDocument source = folder.product().source();
        semver(source, "/version", product.version(), "product version");
        List<OutputPort> outputs = product.outputPortList();
        for (int i = 0; i < outputs.size(); i++) {
            semver(source, "/outputPorts/" + i + "/version", outputs.get(i).version(), "output port version");
        }
        List<InputPort> inputs = product.inputPortList();
        for (int i = 0; i < inputs.size(); i++) {
            semver(source, "/inputPorts/" + i + "/version", inputs.get(i).version(), "input port version");
        }
        for (ValidatedDocument.Contract contract : folder.contracts()) {
            semver(contract.source(), "/version", contract.contract().version(), "contract version");
        }
    }

    private void semver(SourceDocument source, String pointer, String version, String what) {
        if (version != null && !SEMVER.matcher(version).matches()) {
            error(source, pointer, what + " '" + version + "' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.2.0)");
        }
    }

    private void checkInputPorts(ProductFolder folder) {
        SourceDocument source = folder.product().source();
        DataProduct product = folder.product().product();
        List<InputPort> ports = product.inputPortList();
        for (int i = 0; i < ports.size(); i++) {
            InputPort port = ports.get(i);
            String pointer = "/inputPorts/" + i;
            if (port.contractId() == null) {
                continue; // required by the standard: already reported
            }
            Offered producer = offered.get(port.contractId());
            if (producer == null) {
                error(source, pointer + "/contractId", "input port `" + port.name() + "` consumes contract `"
                        + port.contractId() + "`, which is no output port's contract in this mesh");
                continue;
            }
            if (producer.product() == folder) {
                error(source, pointer + "/contractId", "input port `" + port.name() + "` consumes contract `"
                        + port.contractId() + "` of this same product; input ports consume other products' output ports");
                continue;
            }
            String offeredVersion = producer.contract().contract().version();
            if (port.version() != null && offeredVersion != null && !port.version().equals(offeredVersion)) {
                error(source, pointer + "/version", "input port `" + port.name() + "` asks for version "
                        + port.version() + " of contract `" + port.contractId() + "`, but product `"
                        + producer.product().product().product().id() + "` offers version " + offeredVersion);
            }
        }
    }

    private void checkCycles() {
        Map<String, List<String>> consumes = new LinkedHashMap<>();
        Map<String, ProductFolder> byId = new HashMap<>();
        for (ProductFolder folder : mesh.products()) {
            DataProduct product = folder.product().product();
            if (product.id() == null) {
                continue;
            }
            byId.putIfAbsent(product.id(), folder);
            List<String> upstream = product.inputPortList().stream()
                    .map(port -> offered.get(port.contractId()))
                    .filter(Objects::nonNull)
                    .map(producer -> producer.product().product().product().id())
                    .filter(Objects::nonNull)
                    .filter(id -> !id.equals(product.id()))
                    .distinct().toList();
            consumes.put(product.id(), upstream);
        }
        for (List<String> cycle : ProductGraph.cycles(consumes)) {
            ProductFolder first = byId.get(cycle.getFirst());
            error(first.product().source(), "/inputPorts", "products form a cycle: " + String.join(" -> ", cycle)
                    + "; a product cannot depend, even indirectly, on itself");
        }
    }

    private static List<String> domainIds(MeshConfig config) {
        return config.domains() == null ? List.of() : config.domains().stream().map(MeshConfig.Domain::id).toList();
    }

    private static List<String> teamIds(MeshConfig config) {
        return config.teams() == null ? List.of() : config.teams().stream().map(MeshConfig.Team::id).toList();
    }

    private static String knownIds(java.util.Collection<String> ids) {
        List<String> present = ids.stream().filter(Objects::nonNull).toList();
        if (present.isEmpty()) {
            return "";
        }
        return " (known: " + String.join(", ", present.size() > 10 ? present.subList(0, 10) : present)
                + (present.size() > 10 ? ", ..." : "") + ")";
    }

    private void error(SourceDocument source, String pointer, String message) {
        problems.add(new Problem(source.file(), source.positionOf(pointer), pointer, Severity.ERROR, message));
    }

    private void warning(SourceDocument source, String pointer, String message) {
        problems.add(new Problem(source.file(), source.positionOf(pointer), pointer, Severity.WARNING, message));
    }
}
