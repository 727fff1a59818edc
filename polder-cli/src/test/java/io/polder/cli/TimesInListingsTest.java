package io.polder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every listing and sentence that prints a time prints it the same way, UTC to the second, against a real server:
 * the access inbox, grants' expiry, tokens, the audit log (its details too), a product's and a contract's versions,
 * compliance; {@code -o json} keeps the server's instants whole. ({@code get runs} and {@code get snapshots} are in
 * {@link BuildCommandTest}, which builds.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimesInListingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Any ISO-8601 instant in UTC, with or without a fraction of a second. */
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");
    private static final Pattern TO_THE_SECOND = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    private TestServer server;
    private String carla;
    private String chen;

    @BeforeAll
    void start(@TempDir Path dir) {
        server = TestServer.start(dir.resolve("polder-data"));
        CliRun apply = server.admin("apply", CliRun.repo("examples/mesh"));
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        carla = token("carla", "consumer");
        chen = token("chen", "domain-owner", "--domain", "customer");
        CliRun requested = server.as(carla, "access", "request", "customer-profiles/customers", "--purpose", "churn model",
                "--days", "3");
        assertThat(requested.exitCode()).as(requested.err()).isZero();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theInboxAndTheGrantsPrintTimesToTheSecondAndJsonWhole() throws Exception {
        CliRun inbox = server.as(chen, "access", "inbox");
        assertThat(inbox.exitCode()).as(inbox.err()).isZero();
        JsonNode pending = JSON.readTree(server.as(chen, "access", "inbox", "-o", "json").out()).path("pending");
        String requestedAt = pending.get(0).path("requestedAt").asText();
        assertThat(inbox.out()).containsPattern("(?m)^ID .* REQUESTED$")
                .containsPattern("(?m) " + Pattern.quote(secondOf(requestedAt)) + "$");
        assertToTheSecond(inbox.out(), 1);

        CliRun approved = server.as(chen, "access", "approve", pending.get(0).path("id").asText());
        assertThat(approved.exitCode()).as(approved.err()).isZero();
        assertToTheSecond(approved.out(), 1);
        JsonNode grant = JSON.readTree(server.as(carla, "access", "grants", "-o", "json").out()).get(0);
        String expiresAt = grant.path("expiresAt").asText();
        assertThat(approved.out()).contains("(until " + secondOf(expiresAt) + ";");
        CliRun grants = server.as(carla, "access", "grants");
        assertThat(grants.out()).contains(" " + secondOf(expiresAt) + " ");
        assertToTheSecond(grants.out(), 1);
        assertThat(List.of(requestedAt, expiresAt)).as("-o json has the server's instants whole, to the fraction of"
                + " a second they were taken at").anyMatch(text -> Instant.parse(text).getNano() > 0);
    }

    @Test
    void tokensPrintTimesToTheSecond() throws Exception {
        CliRun created = server.admin("token", "create", "--name", "dashboards", "--role", "consumer", "--days", "30");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.err()).containsPattern("valid until " + TO_THE_SECOND.pattern() + "\\.");
        CliRun list = server.admin("token", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertToTheSecond(list.out(), 2);
        for (JsonNode token : JSON.readTree(server.admin("token", "list", "-o", "json").out())) {
            assertThat(list.out()).contains(" " + secondOf(token.path("createdAt").asText()) + " ");
        }
    }

    @Test
    void theAuditLogAProductsAndAContractsVersionsAndComplianceToo() throws Exception {
        CliRun audit = server.admin("audit", "--limit", "5");
        assertThat(audit.exitCode()).as(audit.err()).isZero();
        JsonNode events = JSON.readTree(server.admin("audit", "--limit", "5", "-o", "json").out());
        assertThat(audit.out()).containsPattern("(?m)^" + Pattern.quote(secondOf(events.get(0).path("time").asText()))
                + " ");
        assertToTheSecond(audit.out(), 5);
        assertThat(audit.out()).as("a time among an event's details too, such as a grant's expiry")
                .containsPattern("expiresAt=" + TO_THE_SECOND.pattern() + " ");

        CliRun product = server.admin("get", "products", "customer-profiles");
        assertThat(product.exitCode()).as(product.err()).isZero();
        assertToTheSecond(product.out(), 1);
        String contract = JSON.readTree(server.admin("get", "contracts", "--product", "customer-profiles", "-o", "json")
                .out()).get(0).path("id").asText();
        CliRun contractDetail = server.admin("get", "contracts", contract);
        assertThat(contractDetail.exitCode()).as(contractDetail.err()).isZero();
        assertToTheSecond(contractDetail.out(), 1);

        CliRun compliance = server.admin("compliance", "--record");
        assertThat(compliance.exitCode()).as(compliance.err()).isZero();
        assertToTheSecond(compliance.out(), 2);
    }

    /**
     * Every instant {@code output} prints is to the second, and it prints at least {@code atLeast}: a test that finds
     * no time at all would pass whatever the format.
     */
    private static void assertToTheSecond(String output, int atLeast) {
        List<String> instants = new ArrayList<>();
        Matcher matcher = INSTANT.matcher(output);
        while (matcher.find()) {
            instants.add(matcher.group());
        }
        assertThat(instants).as(output).hasSizeGreaterThanOrEqualTo(atLeast)
                .allMatch(instant -> TO_THE_SECOND.matcher(instant).matches());
    }

    private static String secondOf(String instant) {
        return Instant.parse(instant).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private String token(String name, String role, String... scope) {
        List<String> args = new ArrayList<>(List.of("token", "create", "--name", name, "--role", role));
        args.addAll(List.of(scope));
        CliRun created = server.admin(args.toArray(String[]::new));
        assertThat(created.exitCode()).as(created.err()).isZero();
        return created.out().lines().toList().getLast();
    }
}
