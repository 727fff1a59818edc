package io.polder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code -o/--output} option of the commands that print a server's answer, and the one way they print it:
 * for people in the command's own words (a table, or a sentence), for programs the answer as the server gave it,
 * as JSON or YAML. A picocli mixin; the subclasses differ only in what the help says the table format prints.
 * ({@code polder query} has an option of the same name with other formats: rows that stream, see {@link QueryCommand}.)
 */
abstract class OutputOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    abstract OutputFormat format();

    /** Whether the command prints for people (the table format) rather than the answer as data. */
    boolean forPeople() {
        return format() == OutputFormat.table;
    }

    /** Prints {@code answer} as JSON or YAML; in the table format, has {@code forPeople} print it. */
    void print(JsonNode answer, Consumer<PrintWriter> forPeople) {
        PrintWriter out = command.commandLine().getOut();
        if (forPeople()) {
            forPeople.accept(out);
            out.flush();
        } else {
            format().printData(answer, out);
        }
    }

    /**
     * Prints a listing: the items as a JSON or YAML array, or {@code table} with one row per item (added by
     * {@code row}), or the sentence {@code none} when there are no items.
     */
    void printListing(List<JsonNode> items, Table table, BiConsumer<Table, JsonNode> row, String none) {
        print(Listing.array(items), out -> {
            items.forEach(item -> row.accept(table, item));
            table.print(out, none);
        });
    }

    /** For listings and reports: the table format prints a table. */
    static final class Tabular extends OutputOption {
        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
                description = "table (default), json or yaml.")
        OutputFormat format;

        @Override
        OutputFormat format() {
            return format;
        }
    }

    /** For commands that do one thing: the table format prints a sentence that says what was done. */
    static final class Sentence extends OutputOption {
        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
                description = "table (default: a sentence), json or yaml.")
        OutputFormat format;

        @Override
        OutputFormat format() {
            return format;
        }
    }

    /** For {@code polder test}: JSON and YAML hold the run with its checks. */
    static final class Run extends OutputOption {
        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
                description = "table (default), json or yaml: the run with its checks.")
        OutputFormat format;

        @Override
        OutputFormat format() {
            return format;
        }
    }
}
