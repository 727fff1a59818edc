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
}
