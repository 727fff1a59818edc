package io.polder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code polder get}: lists or shows what the registry holds. */
@Command(name = "get",
        header = "Lists or shows products, domains, teams, ports, contracts, runs and snapshots.",
        description = {
            "Lists or shows what the Polder server's registry holds: products, domains, teams, members,",
            "ports, contracts, and runs (builds and contract tests). Without an ID it lists them all (page",
            "after page), or the first N with --limit; with an ID it shows one (a product with its versions,",
            "ports and contracts; a contract with its versions and the file each was read from; a run with",
            "its checks). `get runs PRODUCT` lists the runs of a product.",
            "`get ports` lists every table of every output port with the relation name it is queried under",
            "(\"PRODUCT/PORT\".TABLE; access to it is requested as PRODUCT/PORT); `get ports --direction",
            "input` lists the input ports instead. `get snapshots PRODUCT` lists the snapshots of the",
            "product's output ports (--port for one), newest first: the published one (CURRENT yes: what",
            "consumers read), those published before (superseded), and those never published (candidate, or",
            "quarantined: NOTE says why, the checks it failed or a build that was stopped).",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  polder get products",
            "  polder get products --domain sales --status active",
            "  polder get product sales-orders",
            "  polder get ports",
            "  polder get ports --product sales-orders -o json",
            "  polder get ports --product sales-daily-revenue --direction input",
            "  polder get contracts -o json | jq '.[].id'",
            "  polder get contract sales-orders-orders",
            "  polder get teams --domain sales -o yaml",
            "  polder get runs sales-orders",
            "  polder get runs --kind build --state failed",
            "  polder get runs 01jd6w8j3k5m7n9p1q3r5s7t9v -o yaml",
            "  polder get snapshots sales-orders",
            "  polder get snapshots sales-orders --port orders -o json",
            "",
            "Filters: --domain (products, teams), --team (products, members), --status (products),",
            "--product (ports, contracts, runs, snapshots), --direction (ports), --kind and --state (runs),",
            "--port (snapshots). --limit N of snapshots: the newest N of each port.",
            "-o json|yaml prints the items exactly as the server returns them.",
            "Exit codes: 0 ok, 2 wrong usage, 3 not found (no such product, port, contract or run), 5 no or",
            "insufficient token, 10 server unreachable."
        },
        mixinStandardHelpOptions = true)
final class GetCommand implements Callable<Integer> {
    @Mixin
    ServerOptions serverOptions;

    @Mixin
    OutputOption.Tabular output;

    @Parameters(index = "0", paramLabel = "KIND", converter = KindConverter.class,
            description = "products, domains, teams, members, ports, contracts, runs or snapshots (singular works"
                    + " too).")
    Kind kind;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "Show this one instead of listing (runs"
            + " and snapshots: the PRODUCT whose runs or snapshots to list).")
    String id;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Only those of this domain.")
    String domain;

    @Option(names = "--team", paramLabel = "TEAM", description = "Only those of this team.")
    String team;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only products in this status: draft, active, deprecated, retired.")
    String status;

    @Option(names = "--product", paramLabel = "PRODUCT", description = "Only ports, contracts, runs or snapshots of this"
            + " product.")
    String product;

    @Option(names = "--direction", paramLabel = "DIRECTION", description = "Only input or output ports.")
    String direction;

    @Option(names = "--kind", paramLabel = "KIND", description = "Only runs of this kind: build or test.")
    String runKind;

    @Option(names = "--state", paramLabel = "STATE", description = "Only runs in this state: queued, running, succeeded, failed.")
    String runState;

    @Option(names = "--port", paramLabel = "PORT", description = "Only the snapshots of this output port (default:"
            + " every one).")
    String port;

    @Option(names = "--limit", paramLabel = "N", description = "At most N items (default: all); of snapshots, the"
            + " newest N of each port.")
    Integer limit;

    @Override
    public Integer call() {
        PolderClient client = serverOptions.client();
        if (kind == Kind.runs && id != null && !isRunId(id)) {
            product = id; // `get runs PRODUCT`: a product's runs
            id = null;
        }
        if (kind == Kind.snapshots) {
            snapshots(client);
        } else if (id != null) {
            requireNoFilters();
            show(client);
        } else if (kind == Kind.ports && !"input".equals(direction)) {
            relations(client);
        } else {
            List<JsonNode> items = Listing.read(client, PolderClient.path(kind.name()), filters(), limit);
            requireNamedExist(client, items);
            output.printListing(items, kind.table(), kind::addRow, "No " + kind.name() + ".");
        }
        return 0;
    }

    private void show(PolderClient client) {
        if (kind == Kind.ports) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "ports have no id of their own; list them with "
                    + "`polder get ports --product PRODUCT`");
        }
        JsonNode item = client.get(PolderClient.path(kind.name(), id)).body();
        output.print(item, out -> {
            if (kind == Kind.products) {
                ProductDetailPrinter.print(item, out);
            } else if (kind == Kind.contracts) {
                ProductDetailPrinter.printContract(item, out);
            } else if (kind == Kind.runs) {
                Table table = kind.table();
                kind.addRow(table, item.path("run"));
                table.print(out);
                out.println();
                TestCommand.print(item, out);
            } else {
                Table table = kind.table();
                kind.addRow(table, item);
                table.print(out);
            }
        });
    }

    /**
     * The snapshots of a product's output ports, from {@code GET /api/v1/products/{id}/ports/{port}/snapshots}: as
     * one listing, port after port, each newest first (the newest {@code --limit} of each).
     */
    private void snapshots(PolderClient client) {
        String of = snapshotsProduct();
        filters(); // the filters that do not apply to snapshots are wrong usage
        if (limit != null && limit < 1) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "--limit must be at least 1, found " + limit);
        }
        List<String> ports = OutputPorts.select(client, of, port);
        List<JsonNode> items = new ArrayList<>();
        for (String name : ports) {
            JsonNode list = client.get(PolderClient.path("products", of, "ports", name, "snapshots")).body();
            int taken = 0;
            for (JsonNode snapshot : list.path("snapshots")) {
                if (limit != null && taken++ == limit) {
                    break;
                }
                items.add(snapshot);
            }
        }
        String none = ports.isEmpty() ? "No snapshots: " + of + " has no output ports."
                : "No snapshots of " + (port == null ? of + "'s output ports" : of + "/" + port) + " (of its current"
                + " version) yet: build it with `polder build " + of + "`.";
        output.printListing(items, Kind.snapshots.table(), (table, item) -> Kind.addSnapshotRow(table, item, of), none);
    }

    /** The product whose snapshots to list: {@code get snapshots PRODUCT}, or {@code --product PRODUCT}. */
    private String snapshotsProduct() {
        if (id != null && product != null && !id.equals(product)) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "name the product once: `polder get snapshots "
                    + id + "` or `--product " + product + "`, not both");
        }
        String of = id != null ? id : product;
        if (of == null) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "name the product whose snapshots to list: "
                    + "`polder get snapshots PRODUCT [--port PORT]`");
        }
        return of;
    }

    /** The output ports' relations: one row per table, from {@code GET /api/v1/relations}. */
    private void relations(PolderClient client) {
        filters(); // the filters that do not apply to ports are wrong usage
        if (direction != null && !direction.equals("output")) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "--direction is input or output, found '" + direction
                    + "'");
        }
        List<JsonNode> items = Listing.read(client, PolderClient.path("relations"),
                PolderClient.Query.none().with("product", product), limit);
        requireNamedExist(client, items);
        output.printListing(items, new Table("PRODUCT", "PORT", "VERSION", "RELATION").whole("RELATION"),
                (table, item) -> table.row(Listing.text(item, "product"), Listing.text(item, "port"),
                        Listing.text(item, "version"), Listing.text(item, "relation")),
                "No output ports.");
    }

    /**
     * An empty listing of a product, domain or team the registry does not hold is that one not found (exit 3),
     * not "No runs." (exit 0), which a typo in {@code get runs PRODUCT} would otherwise look like.
     */
    private void requireNamedExist(PolderClient client, List<JsonNode> items) {
        if (!items.isEmpty()) {
            return;
        }
        if (product != null) {
            client.get(PolderClient.path("products", product));
        }
        if (domain != null) {
            client.get(PolderClient.path("domains", domain));
        }
        if (team != null) {
            client.get(PolderClient.path("teams", team));
        }
    }

    private PolderClient.Query filters() {
        PolderClient.Query query = PolderClient.Query.none();
        filter(query, "--domain", "domain", domain, Kind.products, Kind.teams);
        filter(query, "--team", "team", team, Kind.products, Kind.members);
        filter(query, "--status", "status", status, Kind.products);
        filter(query, "--product", "product", product, Kind.ports, Kind.contracts, Kind.runs, Kind.snapshots);
        filter(query, "--direction", "direction", direction, Kind.ports);
        filter(query, "--kind", "kind", runKind, Kind.runs);
        filter(query, "--state", "state", runState, Kind.runs);
        filter(query, "--port", "port", port, Kind.snapshots);
        return query;
    }

    private void filter(PolderClient.Query query, String option, String parameter, String value, Kind... kinds) {
        if (value == null) {
            return;
        }
        if (!Arrays.asList(kinds).contains(kind)) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, option + " does not filter " + kind.name()
                    + "; it filters " + String.join(" and ", Arrays.stream(kinds).map(Kind::name).toList()));
        }
        query.with(parameter, value);
    }

    private void requireNoFilters() {
        List<String> given = new ArrayList<>();
        for (String[] option : new String[][] {{"--domain", domain}, {"--team", team}, {"--status", status},
                {"--product", product}, {"--direction", direction}, {"--kind", runKind}, {"--state", runState},
                {"--port", port}}) {
            if (option[1] != null) {
                given.add(option[0]);
            }
        }
        if (!given.isEmpty() || limit != null) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "filters and --limit apply to listings, not to one "
                    + kind.singular() + " by id");
        }
    }

    /** Run ids are time-ordered and begin with a digit; product ids begin with a letter. */
    private static boolean isRunId(String text) {
        return text.length() == 26 && Character.isDigit(text.charAt(0));
    }

    /** What can be listed, with the columns a table shows of it. */
    enum Kind {
        products, domains, teams, members, ports, contracts, runs, snapshots;

        String singular() {
            return name().substring(0, name().length() - 1);
        }

        Table table() {
            return switch (this) {
                case products -> new Table("ID", "DOMAIN", "TEAM", "VERSION", "STATUS", "SUNSET");
                case domains -> new Table("ID", "NAME", "OWNERS");
                case teams -> new Table("ID", "DOMAIN", "NAME", "MEMBERS");
                case members -> new Table("NAME", "DISPLAY NAME", "MEMBER OF").whole("MEMBER OF");
                case ports -> new Table("PRODUCT", "DIRECTION", "NAME", "VERSION", "TYPE", "CONTRACT");
                case contracts -> new Table("ID", "PRODUCT", "NAME", "VERSION", "STATUS");
                // the last column, whole: a run's error says what to fix, and nothing follows it to misalign
                case runs -> new Table("ID", "KIND", "PRODUCT", "VERSION", "STATE", "STAGE", "ROWS", "TRIGGER",
                        "CREATED", "TIME", "ERROR").whole("ERROR");
                // the note, whole and last: why a snapshot is quarantined (the checks it failed, a stopped build)
                case snapshots -> new Table("PORT", "SNAPSHOT", "STATE", "CURRENT", "ROWS", "CREATED", "CONTRACT",
                        "CHECKS", "RUN", "NOTE").whole("NOTE");
            };
        }

        void addRow(Table table, JsonNode item) {
            switch (this) {
                case products -> table.row(t(item, "id"), t(item, "domain"), t(item, "team"), t(item, "currentVersion"),
                        t(item, "status"), t(item, "sunsetDate"));
                case domains -> table.row(t(item, "id"), t(item, "name"), t(item, "owners"));
                case teams -> table.row(t(item, "id"), t(item, "domain"), t(item, "name"), names(item.path("members")));
                case members -> table.row(t(item, "name"), t(item, "displayName"), memberships(item.path("memberships")));
                case ports -> table.row(t(item, "productId"), t(item, "direction"), t(item, "name"), t(item, "version"),
                        t(item, "type"), t(item, "contractId"));
                case contracts -> table.row(t(item, "id"), t(item, "productId"), t(item, "name"),
                        t(item, "currentVersion"), t(item, "status"));
                case runs -> table.row(t(item, "id"), t(item, "kind"), t(item, "productId"), t(item, "productVersion"),
                        t(item, "state"), t(item, "stage"), String.format(Locale.ROOT, "%,d", item.path("rows").asLong()),
                        t(item, "trigger"), Times.field(item, "createdAt"), RunWatcher.duration(item), t(item, "errorMessage"));
                case snapshots -> addSnapshotRow(table, item, "");
            }
        }

        /** A snapshot's row; its port named within {@code product} (the product is the command's argument). */
        static void addSnapshotRow(Table table, JsonNode item, String product) {
            String state = t(item, "state");
            table.row(OutputPorts.withinProduct(item.path("port"), product), t(item, "id"), state,
                    state.equals("published") ? "yes" : "", String.format(Locale.ROOT, "%,d", item.path("rows").asLong()),
                    Times.field(item, "createdAt"), t(item, "contractVersion"), t(item, "checkOutcome"), t(item, "runId"),
                    t(item, "note"));
        }

        private static String t(JsonNode item, String field) {
            return Listing.text(item, field);
        }

        private static String names(JsonNode members) {
            List<String> names = new ArrayList<>();
            members.forEach(member -> names.add(member.path("name").asText()));
            return String.join(",", names);
        }

        private static String memberships(JsonNode memberships) {
            List<String> places = new ArrayList<>();
            memberships.forEach(place -> places.add(place.path("kind").asText() + " " + place.path("id").asText()
                    + (place.hasNonNull("role") ? " (" + place.path("role").asText() + ")" : "")));
            return String.join(", ", places);
        }
    }

    /** Accepts {@code products} and {@code product}, in any case. */
    static final class KindConverter implements ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            String plural = value.toLowerCase(Locale.ROOT).endsWith("s") ? value.toLowerCase(Locale.ROOT)
                    : value.toLowerCase(Locale.ROOT) + "s";
            return Arrays.stream(Kind.values()).filter(kind -> kind.name().equals(plural)).findFirst()
                    .orElseThrow(() -> new picocli.CommandLine.TypeConversionException("unknown kind '" + value
                            + "'; the kinds are products, domains, teams, members, ports, contracts, runs, snapshots"));
        }
    }
}
