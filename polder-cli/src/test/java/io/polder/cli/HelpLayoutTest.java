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

    @Test
    void everyFooterLineIsPrintedAsWrittenSoExamplesCanBeCopied() {
        for (Map.Entry<List<String>, CommandLine> command : commands().entrySet()) {
            String name = String.join(" ", command.getKey());
            if (command.getKey().contains("help")) {
                continue;
            }
            List<String> printed = help(command.getKey()).lines().map(String::stripTrailing).toList();
            for (String line : command.getValue().getCommandSpec().usageMessage().footer()) {
                if (!line.isBlank() && !line.contains("%")) {
                    assertThat(printed).as("`polder %s --help` prints its footer's lines (examples) as written, within"
                            + " %d columns, not broken in the middle of a command", name, Main.HELP_WIDTH)
                            .contains(line.stripTrailing());
                }
            }
        }
    }

    @Test
    void everyOptionDescriptionIsOneParagraphThatPicocliWrapsInItsColumn() {
        for (Map.Entry<List<String>, CommandLine> command : commands().entrySet()) {
            for (var option : command.getValue().getCommandSpec().options()) {
                assertThat(option.description()).as("the description of %s of `polder %s`: several lines would each"
                        + " be wrapped on their own, leaving a word alone on a line", option.longestName(),
                        String.join(" ", command.getKey())).hasSizeLessThanOrEqualTo(1);
            }
            if (!command.getKey().contains("help")) {
                assertThat(help(command.getKey()).lines().map(String::strip))
                        .as("`polder %s --help`: no path broken after its dot (`.` then `/polder-data`)",
                                String.join(" ", command.getKey()))
                        .noneMatch(line -> line.endsWith(" .") || line.startsWith("/polder-data"));
            }
        }
    }

    @Test
    void everyListOfExitCodesNamesTheWrongUsageEveryCommandCanMeet() {
        for (List<String> path : commands().keySet()) {
            String name = String.join(" ", path);
            String help = help(path);
            if (path.contains("help") || !help.contains("Exit codes:")) {
                continue;
            }
            List<String> misused = new ArrayList<>(path);
            misused.add("--no-such-option");
            assertThat(CliRun.of(misused.toArray(String[]::new)).exitCode()).as("polder %s --no-such-option", name)
                    .isEqualTo(2);
            assertThat(help.substring(help.indexOf("Exit codes:")).replaceAll("\\s+", " "))
                    .as("the exit codes `polder %s --help` lists", name)
                    .containsPattern("\\b2 (wrong usage|the command was used wrongly)");
        }
    }

    @Test
    void helpOfASubcommandNamedAfterHelpIsThatSubcommandsOwn() {
        CliRun run = CliRun.of("help", "token", "create");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: polder token create ").isEqualTo(CliRun.of("token", "create", "--help").out());
        CliRun access = CliRun.of("help", "access", "approve");
        assertThat(access.out()).startsWith("Usage: polder access approve ");
        assertThat(CliRun.of("help", "token").out()).startsWith("Usage: polder token ");
    }

    @Test
    void helpOfAnUnknownSubcommandIsAUsageErrorNamingItAndTheSubcommandsThereAre() {
        CliRun nested = CliRun.of("help", "token", "nope");
        assertThat(nested.exitCode()).isEqualTo(2);
        assertThat(nested.out()).isEmpty();
        assertThat(nested.err()).contains("unknown subcommand 'nope'").contains("polder help token nope")
                .contains("the subcommands of polder token are create, list, revoke");
        CliRun top = CliRun.of("help", "nope", "create");
        assertThat(top.exitCode()).isEqualTo(2);
        assertThat(top.out()).isEmpty();
        assertThat(top.err()).contains("unknown subcommand 'nope'").contains("the subcommands of polder are ")
                .contains("token").contains("validate");
        CliRun alone = CliRun.of("help", "nope");
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("unknown subcommand 'nope'");
        CliRun leaf = CliRun.of("help", "token", "create", "nope");
        assertThat(leaf.exitCode()).isEqualTo(2);
        assertThat(leaf.out()).isEmpty();
        assertThat(leaf.err()).contains("unknown subcommand 'nope'").contains("polder token create has no subcommands");
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
