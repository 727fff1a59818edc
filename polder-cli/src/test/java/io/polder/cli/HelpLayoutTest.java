package io.polder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help fits the width its descriptions are written to, and every list of commands shows each
 * with its one-line summary (its {@code header}), a whole sentence rather than the first line of a paragraph.
 */
class HelpLayoutTest {
    @Test
    void everyCommandHasAWholeSentenceInItsParentsList() {
        for (List<String> path : commands().keySet()) {
            if (path.isEmpty() || path.getLast().equals("help")) {
                continue;
            }
            List<String> parent = path.subList(0, path.size() - 1);
            String list = help(parent);
            String line = list.lines().filter(text -> text.startsWith("  " + path.getLast() + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError(path + " is not in the list of " + parent));
            String summary = line.substring(path.getLast().length() + 2).strip();
            assertThat(summary).as("%s in the help of %s", path, parent).endsWith(".").hasSizeGreaterThan(20)
                    .doesNotContain("\n");
        }
    }

    @Test
    void everyDescriptionLineIsPrintedWholeAndTheSummaryIsLeftToTheList() {
        for (Map.Entry<List<String>, CommandLine> command : commands().entrySet()) {
            String name = String.join(" ", command.getKey());
            if (command.getKey().contains("help")) {
                continue; // picocli's own
            }
            List<String> printed = help(command.getKey()).lines().map(String::stripTrailing).toList();
            for (String line : command.getValue().getCommandSpec().usageMessage().description()) {
                if (!line.isBlank() && !line.contains("%")) {
                    assertThat(printed).as("`polder %s --help` prints its description's lines as written, within %d"
                            + " columns, not broken again", name, Main.HELP_WIDTH).contains(line.stripTrailing());
                }
            }
            assertThat(printed.getFirst()).as("`polder %s --help` starts with its usage", name).startsWith("Usage: ");
        }
    }

    private static String help(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as("polder %s --help", String.join(" ", path)).isZero();
        return run.out();
    }

    /** Every command and subcommand by the words that name it (the root: none), in the CLI's order. */
    private static Map<List<String>, CommandLine> commands() {
        Map<List<String>, CommandLine> commands = new LinkedHashMap<>();
        collect(Main.helpLayout(Main.withSubcommands(new CommandLine(new Main()), new String[0])), List.of(), commands);
        assertThat(commands).hasSizeGreaterThan(25);
        return commands;
    }

    private static void collect(CommandLine command, List<String> path, Map<List<String>, CommandLine> commands) {
        commands.put(path, command);
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(sub.getKey());
            collect(sub.getValue(), subPath, commands);
        }
    }
}
