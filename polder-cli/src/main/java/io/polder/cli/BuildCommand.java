package io.polder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code polder build}: builds products on the server, in dependency order, and waits for them. */
@Command(name = "build",
        header = "Builds data products and publishes the snapshots that pass their contracts.",
        description = {
            "Builds data products on the Polder server: runs each product's build SQL over its sources and the",
            "published data of its input ports, writes a candidate snapshot per output port, checks it against",
            "the port's contract, and publishes it only when no error-level check fails (otherwise it is",
            "quarantined and the last good snapshot stays published). Products are built one after another, each",
            "after the products it reads; progress is printed as each build goes through its stages, and a",
            "summary table at the end. A product being built already (by the scheduler after an upstream",
            "publish, or by another command) is waited for, then built.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  polder build sales-orders",
            "  polder build --all",
            "",
            "Building needs a token of a platform-admin, the product's domain owner or a member of its team.",
            "See the runs with `polder get runs PRODUCT`, a run's checks with `polder get runs RUN-ID -o yaml`.",
            "Exit codes: 0 every build succeeded, 1 a build failed, 2 wrong usage, 3 no such product, 4 still",
            "being built by others after " + RunWatcher.BUILD_ATTEMPTS + " waits, 5 not allowed, 10 server unreachable."
        },
        mixinStandardHelpOptions = true)
final class BuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions serverOptions;

    @Parameters(arity = "0..*", paramLabel = "PRODUCT", description = "The products to build (with --all: none).")
    List<String> products = new ArrayList<>();

    @Option(names = "--all", description = "Build every product of the registry, in dependency order.")
    boolean all;

    @Override
    public Integer call() {
        if (all == !products.isEmpty()) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, all ? "give products or --all, not both"
                    : "name the products to build, or --all");
        }
        PolderClient client = serverOptions.client();
        PrintWriter out = spec.commandLine().getOut();
        List<String> order = order(client, all ? List.of() : products);
        List<JsonNode> finished = buildAll(new RunWatcher(client, out), order, out);
        out.println();
        summary(finished).print(out);
        long failed = finished.stream().filter(detail -> !detail.path("run").path("state").asText().equals("succeeded"))
                .count();
        out.println(failed == 0 ? "Built " + ValidateCommand.plural(finished.size(), "product") + "."
                : ValidateCommand.plural(failed, "build") + " of " + finished.size() + " failed.");
        return failed == 0 ? 0 : 1;
    }

    static List<JsonNode> buildAll(RunWatcher watcher, List<String> order, PrintWriter out) {
        List<JsonNode> finished = new ArrayList<>();
        for (String product : order) {
            out.println("Building " + product + " ...");
            out.flush();
            JsonNode detail = watcher.build(product);
            JsonNode run = detail.path("run");
            out.println("  " + product + ": " + run.path("state").asText() + " in " + RunWatcher.duration(run)
                    + (run.hasNonNull("errorMessage") ? ": " + run.path("errorMessage").asText() : ""));
            RunWatcher.printWarnings(detail, "  ", out);
            finished.add(detail);
        }
        return finished;
    }

    static Table summary(List<JsonNode> finished) {
        Table table = new Table("PRODUCT", "STATE", "ROWS", "CHECKS", "PORTS", "TIME", "RUN");
        for (JsonNode detail : finished) {
            JsonNode run = detail.path("run");
            List<String> ports = new ArrayList<>();
            // PORT/vN: the product is the first column, and a cell of several full addresses would be cut short
            String product = run.path("productId").asText() + "/";
            detail.path("ports").forEach(port -> ports.add(port.path("port").asText()
                    .replaceFirst("^" + Pattern.quote(product), "") + " " + port.path("outcome").asText()));
            table.row(run.path("productId").asText(), run.path("state").asText(),
                    String.format(Locale.ROOT, "%,d", run.path("rows").asLong()), RunWatcher.checkSummary(detail),
                    String.join(", ", ports), RunWatcher.duration(run), run.path("id").asText());
        }
        return table;
    }

    /**
     * The products to build, each after those it reads (from the server's lineage graph; ties by id). Named
     * products are built in that order too; all products when {@code named} is empty.
     */
    static List<String> order(PolderClient client, List<String> named) {
        JsonNode graph = client.get(PolderClient.path("lineage"), PolderClient.Query.none().with("depth", 1)).body();
        Map<String, TreeSet<String>> upstream = new TreeMap<>();
        graph.path("nodes").forEach(node -> upstream.put(node.path("product").asText(), new TreeSet<>()));
        graph.path("edges").forEach(edge -> upstream.computeIfAbsent(edge.path("toProduct").asText(),
                key -> new TreeSet<>()).add(edge.path("fromProduct").asText()));
        for (String product : named) {
            if (!upstream.containsKey(product)) {
                throw new PolderException(ErrorCode.NOT_FOUND, "no product '" + product + "' (or it is retired)");
            }
        }
        List<String> ordered = new ArrayList<>();
        Map<String, Integer> waiting = new HashMap<>();
        upstream.forEach((product, feeders) -> waiting.put(product, feeders.size()));
        while (ordered.size() < upstream.size()) {
            String next = upstream.keySet().stream().filter(product -> waiting.get(product) == 0)
                    .filter(product -> !ordered.contains(product)).findFirst()
                    .orElseThrow(() -> new PolderException(ErrorCode.CONFLICT, "the products read each other in a cycle"));
            ordered.add(next);
            upstream.forEach((product, feeders) -> {
                if (feeders.contains(next)) {
                    waiting.merge(product, -1, Integer::sum);
                }
            });
        }
        return named.isEmpty() ? ordered : ordered.stream().filter(named::contains).toList();
    }
}
