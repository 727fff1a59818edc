package io.polder.spi.settings;

import io.polder.model.bind.Fields;
import io.polder.model.problem.Problem;
import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.ListNode;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ParsedFile;
import io.polder.model.source.Position;
import io.polder.model.source.ScalarNode;
import io.polder.spi.RetentionPolicy;
import io.polder.spi.exceptions.BuildDefinitionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code polder.yaml}. Binding is validation: every problem is reported with its line and column,
 * and {@link #read} fails with all of them at once.
 */
public final class ProductSettingsReader {
    /** Source names become SQL relation names: lowercase identifiers. */
    static final Pattern SOURCE_NAME = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");
    /** Output port names, as the registry accepts them. */
    static final Pattern PORT_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");
    /** Team ids, as mesh.yaml declares them. */
    static final Pattern TEAM_ID = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");
    /** The longest a grant may last, in days (the registry's limit). */
    static final int MAX_AUTO_APPROVE_DAYS = 730;
    private static final Pattern DAYS_OR_HOURS = Pattern.compile("^(\\d+)\\s*(d|h)$");

    private ProductSettingsReader() {
    }

    /** The settings in {@code file}, or the defaults when there is no such file. */
    public static ProductSettings readIfPresent(Path file, String displayName) {
        return Files.isRegularFile(file) ? read(file, displayName) : ProductSettings.defaults();
    }

    /** @throws BuildDefinitionException listing every problem, each as FILE:LINE:COLUMN: message */
    public static ProductSettings read(Path file, String displayName) {
        return orThrow(DocumentReader.withDefaults().read(file, displayName));
    }

    public static ProductSettings parse(String text, String displayName) {
        return orThrow(DocumentReader.withDefaults().read(text, displayName, io.polder.model.source.SourceFormat.YAML));
    }

    /**
     * Every problem of {@code text} as a {@code polder.yaml}, each with its line and column; empty when it is
     * valid. For callers that report problems with others (the registry checking an uploaded mesh).
     */
    public static List<Problem> check(String text, String displayName) {
        ParsedFile parsed = DocumentReader.withDefaults().read(text, displayName, io.polder.model.source.SourceFormat.YAML);
        List<Problem> problems = new ArrayList<>(parsed.problems());
        if (parsed.ok() && parsed.documents().size() != 1) {
            problems.add(Problem.error(parsed.file(), io.polder.model.source.Position.START, "",
                    "expected one document, found " + parsed.documents().size()));
        } else if (parsed.ok()) {
            Problems collector = new Problems(parsed.file());
            Fields.bind(parsed.documents().getFirst().root(), collector, ProductSettingsReader::bind);
            problems.addAll(collector.list());
        }
        return problems;
    }

    private static ProductSettings orThrow(ParsedFile parsed) {
        List<Problem> problems = new ArrayList<>(parsed.problems());
        ProductSettings settings = null;
        if (parsed.ok() && parsed.documents().size() != 1) {
            throw new BuildDefinitionException(parsed.file() + ": expected one document, found " + parsed.documents().size());
        }
        if (parsed.ok()) {
            Problems collector = new Problems(parsed.file());
            settings = Fields.bind(parsed.documents().getFirst().root(), collector, ProductSettingsReader::bind);
            problems.addAll(collector.list());
        }
        List<Problem> errors = problems.stream().filter(Problem::isError).toList();
        if (!errors.isEmpty() || settings == null) {
            throw new BuildDefinitionException(errors.stream().map(Problem::format).collect(Collectors.joining("\n")));
        }
        return settings;
    }

    static ProductSettings bind(Fields f) {
        f.require("apiVersion", "kind");
        String apiVersion = expect(f, "apiVersion", ProductSettings.API_VERSION);
        String kind = expect(f, "kind", ProductSettings.KIND);
        ProductSettings settings = new ProductSettings(apiVersion, kind, f.string("engine"),
                f.object("schedule", Schedule::bind), f.object("retention", ProductSettingsReader::retention),
                sources(f), f.object("access", ProductSettingsReader::access));
        f.rejectUnknown();
        return settings;
    }

    private static String expect(Fields f, String key, String expected) {
        String value = f.string(key);
        if (value != null && !value.equals(expected)) {
            f.problems().error(f.node().get(key), "`" + key + "` must be " + expected + ", found '" + value + "'");
        }
        return value;
    }

    private static RetentionPolicy retention(Fields f) {
        Long keepLast = f.integer("keepLast", 1);
        Duration maxAge = duration(f, "maxAge");
        f.rejectUnknown();
        boolean usable = keepLast != null && keepLast >= 1 && keepLast <= Integer.MAX_VALUE;
        return new RetentionPolicy(usable ? Integer.valueOf(keepLast.intValue()) : null, maxAge); // else reported
    }

    /** {@code 30d}, {@code 12h} or ISO-8601 ({@code P30D}); must be positive. */
    static Duration duration(Fields f, String key) {
        String text = f.string(key);
        if (text == null) {
            return null;
        }
        Duration duration = parseDuration(text);
        if (duration == null || duration.isZero() || duration.isNegative()) {
            f.problems().error(f.node().get(key), "`" + key + "` must be a positive duration such as 30d, 12h or P30D,"
                    + " found '" + text + "'");
            return null;
        }
        return duration;
    }

    private static Duration parseDuration(String text) {
        Matcher matcher = DAYS_OR_HOURS.matcher(text.trim());
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return matcher.group(2).equals("d") ? Duration.ofDays(amount) : Duration.ofHours(amount);
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static AccessSettings access(Fields f) {
        List<AutoApproval> rules = f.objects("autoApprove", ProductSettingsReader::autoApproval);
        f.rejectUnknown();
        if (rules == null) {
            return AccessSettings.none();
        }
        Set<String> ports = new HashSet<>();
        for (AutoApproval rule : rules) {
            if (!ports.add(rule.port())) {
                f.problems().error(rule.position(), f.node().get("autoApprove").pointer(), "port `" + rule.port()
                        + "` has two autoApprove entries; merge them into one");
            }
        }
        return new AccessSettings(rules);
    }

    private static AutoApproval autoApproval(Fields f) {
        f.require("port");
        String port = f.string("port", PORT_NAME, "must be the name of an output port of this product");
        List<String> teams = f.strings("teams");
        if (teams != null) {
            Node list = f.node().get("teams");
            for (String team : teams) {
                if (!TEAM_ID.matcher(team).matches()) {
                    f.problems().error(list, "`" + team + "` is not a team id ([a-z][a-z0-9-]*, as mesh.yaml declares"
                            + " teams)");
                }
            }
        }
        Boolean productConsumers = f.bool("productConsumers");
        Long maxDays = f.integer("maxDays", 1);
        if (maxDays != null && maxDays > MAX_AUTO_APPROVE_DAYS) {
            f.problems().error(f.node().get("maxDays"), "`maxDays` must be at most " + MAX_AUTO_APPROVE_DAYS
                    + " (the longest a grant may last), found " + maxDays);
        }
        if ((teams == null || teams.isEmpty()) && !Boolean.TRUE.equals(productConsumers) && port != null) {
            f.problems().error(f.node(), "an autoApprove entry names the `teams` whose requests are approved at once,"
                    + " or sets `productConsumers: true`, or both");
        }
        Node portNode = f.node().get("port");
        f.rejectUnknown();
        List<Position> teamPositions = f.node().get("teams") instanceof ListNode teamList
                ? teamList.items().stream().map(Node::position).toList() : List.of();
        return port == null ? null : new AutoApproval(port, teams, Boolean.TRUE.equals(productConsumers),
                maxDays == null || maxDays > MAX_AUTO_APPROVE_DAYS ? null : Integer.valueOf(maxDays.intValue()),
                portNode == null ? f.node().position() : portNode.position(), f.node().pointer(), teamPositions);
    }

    private static List<SourceDefinition> sources(Fields f) {
        List<SourceDefinition> sources = f.objects("sources", ProductSettingsReader::source);
        if (sources == null) {
            return null;
        }
        Set<String> seen = new HashSet<>();
        Node list = f.node().get("sources");
        for (int i = 0; i < sources.size(); i++) {
            if (!seen.add(sources.get(i).name())) {
                f.problems().error(list, "two sources are called `" + sources.get(i).name() + "`; names must be unique");
            }
        }
        return sources;
    }

    private static SourceDefinition source(Fields f) {
        f.require("name", "format");
        String name = f.string("name", SOURCE_NAME, "must be a lowercase SQL name ([a-z_][a-z0-9_]*)");
        SourceFormat format = f.choice("format", SourceFormat.class);
        String description = f.string("description");
        List<SourceColumn> columns = columns(f);
        if (name == null || format == null) {
            return null; // reported; the other fields depend on the format, so they are not judged
        }
        SourceDefinition source = format == SourceFormat.JDBC ? jdbc(f, name, description, columns)
                : file(f, name, description, format, columns);
        f.rejectUnknown();
        return source;
    }

    private static SourceDefinition file(Fields f, String name, String description, SourceFormat format,
                                         List<SourceColumn> columns) {
        String path = f.requiredString("path");
        CsvOptions csv = format == SourceFormat.CSV ? f.object("csv", CsvOptions::bind) : null;
        if (format != SourceFormat.CSV && f.has("csv")) {
            f.problems().error(f.node().get("csv"), "`csv` options belong to sources of format csv");
        }
        return path == null ? null : new FileSource(name, description, format, path, csv, columns);
    }

    private static SourceDefinition jdbc(Fields f, String name, String description, List<SourceColumn> columns) {
        String url = f.requiredString("url");
        String table = f.string("table");
        String query = f.string("query");
        if ((table == null) == (query == null)) {
            f.problems().error(f.node(), "a jdbc source names either a `table` or a `query`");
            return null;
        }
        if (url != null && !url.startsWith("jdbc:")) {
            f.problems().error(f.node().get("url"), "`url` must be a JDBC URL (jdbc:postgresql://host:5432/db)");
            return null;
        }
        JdbcSource source = new JdbcSource(name, description, url, table, query, f.string("user"),
                f.string("passwordSecret"), columns);
        return url == null ? null : source;
    }

    /** {@code columns:} a map of column name to SQL type, in order. */
    private static List<SourceColumn> columns(Fields f) {
        Node node = f.raw("columns");
        if (node == null) {
            return null;
        }
        if (!(node instanceof MapNode map)) {
            f.problems().error(node, "`columns` must map each column name to its SQL type, e.g. order_id: BIGINT");
            return null;
        }
        List<SourceColumn> columns = new ArrayList<>();
        for (MapNode.Entry entry : map.entries().values()) {
            if (entry.value() instanceof ScalarNode scalar && scalar.isString()) {
                columns.add(new SourceColumn(entry.key(), (String) scalar.value()));
            } else {
                f.problems().error(entry.value(), "the type of column `" + entry.key() + "` must be a string such as BIGINT");
            }
        }
        return columns;
    }
}
