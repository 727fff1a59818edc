package io.polder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The shared -o option, on small commands of its own: what each format prints, and what the help says. */
class OutputOptionTest {
    private static final List<JsonNode> THINGS = List.of(
            PolderClient.JSON.createObjectNode().put("id", "a").put("name", "Alpha"),
            PolderClient.JSON.createObjectNode().put("id", "bb").putNull("name"));

    @Command(name = "things")
    static final class Things implements Runnable {
        @Mixin
        OutputOption.Tabular output;

        final List<JsonNode> items;

        Things(List<JsonNode> items) {
            this.items = items;
        }

        @Override
        public void run() {
            output.printListing(items, new Table("ID", "NAME"),
                    (table, item) -> table.row(Listing.text(item, "id"), Listing.text(item, "name")), "No things.");
        }
    }

    @Command(name = "done")
    static final class Done implements Runnable {
        @Mixin
        OutputOption.Sentence output;

        @Override
        public void run() {
            output.print(THINGS.getFirst(), out -> out.println("Did " + Listing.text(THINGS.getFirst(), "name") + "."));
        }
    }

    @Test
    void aListingIsATableForPeople() {
        assertThat(run(new Things(THINGS)).out()).isEqualTo("""
                ID  NAME
                a   Alpha
                bb  -
                """);
    }

    @Test
    void anEmptyListingIsASentence() {
        assertThat(run(new Things(List.of())).out()).isEqualTo("No things.\n");
        assertThat(run(new Things(List.of()), "-o", "json").out()).isEqualTo("[ ]\n");
    }

    @Test
    void aListingIsTheItemsAsJsonOrYamlForPrograms() throws Exception {
        String json = run(new Things(THINGS), "--output", "json").out();
        assertThat(PolderClient.JSON.readTree(json)).isEqualTo(Listing.array(THINGS));
        assertThat(json).startsWith("[ {\n  \"id\" : \"a\"");
        assertThat(run(new Things(THINGS), "-o", "YAML").out()).isEqualTo("""
                - id: a
                  name: Alpha
                - id: bb
                  name: null
                """);
    }

    @Test
    void oneAnswerIsASentenceForPeopleAndTheAnswerForPrograms() {
        assertThat(run(new Done()).out()).isEqualTo("Did Alpha.\n");
        assertThat(run(new Done(), "-o", "yaml").out()).isEqualTo("id: a\nname: Alpha\n");
    }

    @Test
    void anUnknownFormatIsWrongUsage() {
        Run wrong = run(new Things(THINGS), "-o", "xml");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).contains("Invalid value for option '--output'", "table, json, yaml");
    }

    @Test
    void theHelpSaysWhatTheTableFormatPrints() {
        assertThat(help(new Things(THINGS))).contains("-o, --output=FORMAT   table (default), json or yaml.");
        assertThat(help(new Done())).contains("-o, --output=FORMAT   table (default: a sentence), json or yaml.");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String help(Object command) {
        return new CommandLine(command).getUsageMessage();
    }
}
