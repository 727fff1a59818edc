package io.polder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command tree: a command line naming a subcommand builds only that one; help and typos see them all. */
class MainTest {
    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        CommandLine serve = Main.withSubcommands(new CommandLine(new Main()), new String[] {"serve", "--port", "0"});
        assertThat(serve.getSubcommands().keySet()).containsExactlyInAnyOrder("serve", "help");
    }

    @Test
    void helpVersionNothingOrATypoBuildsEverySubcommand() {
        for (String[] args : new String[][] {{}, {"--help"}, {"--version"}, {"help", "serve"}, {"serv"}}) {
            CommandLine all = Main.withSubcommands(new CommandLine(new Main()), args);
            assertThat(all.getSubcommands()).hasSize(Main.SUBCOMMANDS.size() + 1);
        }
    }

    @Test
    void theUsageListsEverySubcommandAndATypoIsRefusedWithAHint() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("validate").contains("serve").contains("demo").contains("compliance");
        CliRun typo = CliRun.of("serv");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("serve");
        CliRun serveHelp = CliRun.of("serve", "--help");
        assertThat(serveHelp.exitCode()).isZero();
        assertThat(serveHelp.out()).contains("Usage: polder serve");
    }

    @Test
    void aUsageErrorIsItsMessageAndAPointerToTheHelpNotTheWholeHelp() {
        CliRun typo = CliRun.of("get", "prodcts");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("prodcts").contains("See `polder get --help` for its usage.")
                .doesNotContain("Usage:");
        assertThat(typo.err().lines().count()).as(typo.err()).isLessThanOrEqualTo(4);
        CliRun option = CliRun.of("query", "SELECT 1", "--bogus");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).startsWith("Unknown option: '--bogus'").contains("See `polder query --help`")
                .doesNotContain("Usage:");
    }

    @Test
    void anOptionOfTheSubcommandsBeforeTheSubcommandIsToldWhereItGoes() {
        CliRun token = CliRun.of("--token", "pld_secret", "get", "products");
        assertThat(token.exitCode()).isEqualTo(2);
        assertThat(token.err().strip()).isEqualTo("--token is an option of the subcommands: put it after the command,"
                + " e.g. polder get products --token TOKEN");
        CliRun server = CliRun.of("--server=http://localhost:1", "token", "list");
        assertThat(server.exitCode()).isEqualTo(2);
        assertThat(server.err().strip()).startsWith("--server is an option of the subcommands")
                .endsWith("e.g. polder token list --server URL");
        CliRun otherCommands = CliRun.of("--days", "3", "get", "products");
        assertThat(otherCommands.exitCode()).isEqualTo(2);
        assertThat(otherCommands.err()).as("get has no --days: no advice to put it there")
                .doesNotContain("is an option of the subcommands").contains("See `polder --help`");
        CliRun unknown = CliRun.of("--bogus", "get", "products");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--bogus'").contains("See `polder --help`");
    }
}
