package io.polder.model.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.problem.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshChecksTest {
    private final Validator validator = new Validator();

    @TempDir
    Path dir;
    Path mesh;

    @BeforeEach
    void copyExampleMesh() {
        mesh = ExampleMesh.copyTo(dir.resolve("mesh"));
    }

    @Test
    void exampleMeshIsValid() {
        ValidationReport report = validator.validate(ExampleMesh.root(), "examples/mesh");
        assertThat(report.problems()).isEmpty();
        assertThat(report.documents()).containsEntry(DocumentKind.MESH, 1)
                .containsEntry(DocumentKind.PRODUCT, 7).containsEntry(DocumentKind.CONTRACT, 8);
    }

    @Test
    void outputPortVersionMustAgreeWithItsContract() {
        ExampleMesh.edit(product("sales/sales-daily-revenue"), "    version: 1.1.0\n    contractId", "    version: 1.2.0\n    contractId");
        assertThat(errors()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("mesh/sales/sales-daily-revenue/product.odps.yaml");
            assertThat(problem.pointer()).isEqualTo("/outputPorts/0/version");
            assertThat(problem.position().line()).isEqualTo(48);
            assertThat(problem.message()).contains("is version 1.2.0 but its contract `sales-daily-revenue-daily-revenue` is version 1.1.0");
        });
    }

    @Test
    void outputPortContractMustBeInTheProductFolder() throws IOException {
        Files.delete(mesh.resolve("sales/sales-daily-revenue/contracts/daily-revenue.odcs.yaml"));
        assertThat(messages()).anySatisfy(message -> assertThat(message)
                .contains("names contract `sales-daily-revenue-daily-revenue`, which is not in mesh/sales/sales-daily-revenue/contracts/"));
    }

    @Test
    void inputPortMustConsumeAnotherProductsOutputContract() {
        ExampleMesh.edit(product("sales/sales-daily-revenue"), "contractId: sales-orders-orders", "contractId: sales-orders-refunds");
        assertThat(messages()).contains("input port `orders` consumes contract `sales-orders-refunds`, which is no output port's contract in this mesh");
    }

    @Test
    void inputPortVersionMustMatchTheOfferedContract() {
        ExampleMesh.edit(product("sales/sales-daily-revenue"), "  - name: orders\n    version: 1.2.0", "  - name: orders\n    version: 1.1.0");
        assertThat(messages()).singleElement().asString()
                .contains("asks for version 1.1.0 of contract `sales-orders-orders`, but product `sales-orders` offers version 1.2.0");
    }

    @Test
    void inputPortCannotConsumeItsOwnProduct() {
        ExampleMesh.edit(product("sales/sales-daily-revenue"), "contractId: sales-orders-orders", "contractId: sales-daily-revenue-daily-revenue");
        ExampleMesh.edit(product("sales/sales-daily-revenue"), "  - name: orders\n    version: 1.2.0", "  - name: orders\n    version: 1.1.0");
        assertThat(messages()).anySatisfy(message -> assertThat(message).contains("of this same product"));
    }

    @Test
    void domainAndTeamMustExistAndAgree() {
        ExampleMesh.edit(product("sales/sales-daily-revenue"), "domain: sales", "domain: marketing");
        assertThat(messages()).anySatisfy(message -> assertThat(message)
                .isEqualTo("domain `marketing` is not declared in mesh.yaml (known: sales, customer, logistics, finance)"));
        ExampleMesh.edit(product("sales/sales-daily-revenue"), "domain: marketing", "domain: finance");
        assertThat(messages()).singleElement().asString()
                .isEqualTo("team `sales-analytics-team` belongs to domain `sales`, but the product is in domain `finance`");
        ExampleMesh.edit(product("sales/sales-daily-revenue"), "domain: finance", "domain: sales");
        ExampleMesh.edit(product("sales/sales-daily-revenue"), "name: sales-analytics-team", "name: sales-analytix");
        assertThat(messages()).singleElement().asString().startsWith("team `sales-analytix` is not declared in mesh.yaml");
    }

    @Test
    void productIdsAreUnique() {
        ExampleMesh.edit(product("sales/sales-daily-revenue"), "id: sales-daily-revenue", "id: sales-orders");
        assertThat(messages()).anySatisfy(message -> assertThat(message)
                .startsWith("duplicate product id `sales-orders` (also in mesh/sales/sales-daily-revenue/product.odps.yaml)"
                        .replace("sales-daily-revenue/product", "sales-daily-revenue/product")));
    }

    @Test
    void versionsAreSemver() {
        ExampleMesh.edit(product("sales/sales-daily-revenue"), "version: 1.1.0\nstatus", "version: \"1.1\"\nstatus");
        assertThat(messages()).containsExactly("product version '1.1' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.2.0)");
    }

    @Test
    void productStatusMustBeALifecycleStatus() {
        ExampleMesh.edit(product("sales/sales-daily-revenue"), "status: active", "status: actve");
        assertThat(errors()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("mesh/sales/sales-daily-revenue/product.odps.yaml");
            assertThat(problem.pointer()).isEqualTo("/status");
            assertThat(problem.position().line()).isEqualTo(6);
            assertThat(problem.position().column()).isEqualTo(9);
            assertThat(problem.message()).isEqualTo("status 'actve' is not one of proposed, draft, active, deprecated,"
                    + " retired; did you mean `active`?");
        });
        ExampleMesh.edit(product("sales/sales-daily-revenue"), "status: actve", "status: live");
        assertThat(messages()).containsExactly("status 'live' is not one of proposed, draft, active, deprecated, retired");
    }

    @Test
    void cycleIsNamed() {
        Path orders = product("sales/sales-orders");
        ExampleMesh.edit(orders, "outputPorts:", """
                inputPorts:
                  - name: revenue
                    version: 1.1.0
                    contractId: sales-daily-revenue-daily-revenue
                outputPorts:""");
        assertThat(messages()).anySatisfy(message -> assertThat(message)
                .startsWith("products form a cycle: ")
                .contains("sales-orders -> sales-daily-revenue -> sales-orders"));
    }

    @Test
    void meshYamlTeamsNameDeclaredDomainsAndUniqueIds() {
        ExampleMesh.edit(mesh.resolve("mesh.yaml"), "  - id: sales-analytics-team", "  - id: sales-order-team");
        assertThat(messages()).anySatisfy(message -> assertThat(message).startsWith("duplicate team id `sales-order-team`"));
    }

    @Test
    void missingMeshYamlFieldsAreReportedWithPosition() {
        ExampleMesh.edit(mesh.resolve("mesh.yaml"), "name: acme\n", "nmae: acme\n");
        List<Problem> errors = errors();
        assertThat(errors).extracting(Problem::message).contains("missing required field `name`",
                "unknown field `nmae`; did you mean `name`?");
        assertThat(errors).filteredOn(problem -> problem.message().startsWith("unknown"))
                .singleElement().satisfies(problem -> assertThat(problem.position().line()).isEqualTo(3));
    }

    @Test
    void wrongDocumentKindInProductFile() throws IOException {
        Files.copy(mesh.resolve("sales/sales-orders/contracts/orders.odcs.yaml"), product("sales/sales-orders"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(messages()).contains("product.odps.yaml must hold a data product (`kind: DataProduct`, ODPS)");
    }

    private Path product(String folder) {
        return mesh.resolve(folder).resolve("product.odps.yaml");
    }

    private List<Problem> errors() {
        return validator.validate(mesh, "mesh").problems().stream().filter(Problem::isError).toList();
    }

    private List<String> messages() {
        return errors().stream().map(Problem::message).toList();
    }
}
