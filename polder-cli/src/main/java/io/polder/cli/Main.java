package io.polder.cli;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code polder} command. Subcommands are listed here, explicitly ({@link #SUBCOMMANDS}). */
@Command(name = "polder",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Polder: a data mesh platform. Domain teams declare data products (ODPS v1) and their contracts",
            "(ODCS v3) in a git folder; Polder validates, governs, builds and serves them.",
            "New here? `polder demo` runs an example mesh end to end on this machine and says what to try next.",
            ""
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  the input has problems (printed as FILE:LINE:COLUMN: message (at /pointer)), or what was",
            "     run failed: a build, a contract's error-level check, a policy test, a policy on apply",
            "  2  the command was used wrongly",
            "  3  not found;  4  conflict;  5  not allowed (no or insufficient token);  6  server busy",
            "  10  internal error, or the server unreachable",
            "  (polder query: 0 ran, 1 refused or failed, 2 used wrongly)",
            "",
            "Run 'polder help COMMAND' for a command's options and examples."
        })
public final class Main implements Runnable {
    /**
     * Every subcommand, in the order {@code polder --help} lists them. Building a subcommand's model costs
     * reflection over its options and their types; a command line naming one builds only that one (half a
     * second less before {@code polder serve} starts), anything else builds them all.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            ValidateCommand.class,
            ConvertCommand.class,
            ServeCommand.class,
            PlanCommand.class,
            ApplyCommand.class,
            GetCommand.class,
            LifecycleCommand.class,
            TokenCommand.class,
            AuditCommand.class,
            PolicyCommand.class,
            ComplianceCommand.class,
            BuildCommand.class,
            TestCommand.class,
            AccessCommand.class,
            QueryCommand.class,
            DemoCommand.class);

    /** The width of every help text, in columns. */
    static final int HELP_WIDTH = 100;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns its exit code; used by {@link #main} and by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        String[] asked = helpOfNestedCommand(args);
        CommandLine commandLine = helpLayout(withSubcommands(new CommandLine(new Main()), asked))
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Main::handleFailure)
                .setParameterExceptionHandler(Main::handleUsageError);
        Optional<String> unknown = unknownHelpTopic(commandLine, args);
        if (unknown.isPresent()) {
            err.println("polder: " + unknown.get());
            err.flush();
            return ErrorCode.INVALID_ARGUMENT.exitCode();
        }
        int code = commandLine.execute(asked);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * How every command's help is laid out: 100 columns, the width its descriptions are written to (at picocli's
     * 80 each line would break again in the middle); a command's {@code header} is its line in its parent's list
     * of commands, and is left out of its own help, which says the same at more length.
     */
    static CommandLine helpLayout(CommandLine commandLine) {
        commandLine.setUsageHelpWidth(HELP_WIDTH);
        List<String> sections = new ArrayList<>(commandLine.getHelpSectionKeys());
        sections.removeAll(List.of(CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER_HEADING,
                CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER));
        commandLine.setHelpSectionKeys(sections);
        commandLine.getSubcommands().values().forEach(Main::helpLayout);
        return commandLine;
    }

    /**
     * {@code polder help token create} as {@code polder token create --help}: picocli's help command looks up only
     * its first word, and would show {@code token}'s help instead of {@code create}'s.
     */
    static String[] helpOfNestedCommand(String[] args) {
        if (args.length < 3 || !args[0].equals("help")) {
            return args;
        }
        String[] asked = Arrays.copyOfRange(args, 1, args.length + 1);
        asked[asked.length - 1] = "--help";
        return asked;
    }

    /**
     * What is wrong with {@code polder help WORD...} when a word names no subcommand of the command before it
     * ({@code polder help token nope}), with the subcommands there are; empty for any other command line. Without
     * this the help of the last command found would be shown, as if it had been asked for.
     */
    static Optional<String> unknownHelpTopic(CommandLine root, String[] args) {
        if (args.length < 2 || !args[0].equals("help")) {
            return Optional.empty();
        }
        List<String> words = Arrays.asList(args).subList(1, args.length);
        if (words.stream().anyMatch(word -> word.startsWith("-"))) {
            return Optional.empty();
        }
        CommandLine current = root;
        for (String word : words) {
            CommandLine next = current.getSubcommands().get(word);
            if (next == null) {
                String parent = current.getCommandSpec().qualifiedName();
                List<String> names = current.getSubcommands().values().stream().map(CommandLine::getCommandName)
                        .distinct().toList();
                return Optional.of(names.isEmpty()
                        ? "unknown subcommand '" + word + "' in `polder " + String.join(" ", args) + "`: " + parent
                                + " has no subcommands (see `" + parent + " --help`)"
                        : "unknown subcommand '" + word + "' in `polder " + String.join(" ", args) + "`: the subcommands of "
                                + parent + " are " + String.join(", ", names));
            }
            current = next;
        }
        return Optional.empty();
    }

    /** The subcommand {@code args} names, or all of them when it names none (help, --version, a typo). */
    static CommandLine withSubcommands(CommandLine commandLine, String[] args) {
        String first = args.length == 0 ? "" : args[0];
        List<Class<?>> named = SUBCOMMANDS.stream().filter(type -> names(type).contains(first)).toList();
        for (Class<?> type : named.isEmpty() ? SUBCOMMANDS : named) {
            commandLine.addSubcommand(type);
        }
        commandLine.addSubcommand(CommandLine.HelpCommand.class);
        return commandLine;
    }

    private static List<String> names(Class<?> type) {
        Command command = type.getAnnotation(Command.class);
        List<String> names = new ArrayList<>(List.of(command.aliases()));
        names.add(command.name());
        return names;
    }

    /**
     * A usage error: picocli's message, its "did you mean" when it has one, and one line that points at the
     * command's help (the whole help would bury the message). An option of the subcommands written before the
     * subcommand is told where it goes instead.
     */
    private static int handleUsageError(CommandLine.ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        Optional<String> misplaced = misplacedOption(exception, args);
        if (misplaced.isPresent()) {
            err.println(misplaced.get());
        } else {
            err.println(exception.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
            err.println("See `" + commandLine.getCommandSpec().qualifiedName() + " --help` for its usage.");
        }
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * {@code polder --token X get products}: an option the top level does not have, but its subcommands do, with
     * where it goes. The example shows the option's value by its label, so a token is not echoed.
     */
    static Optional<String> misplacedOption(CommandLine.ParameterException exception, String[] args) {
        if (!(exception instanceof CommandLine.UnmatchedArgumentException unmatched)
                || exception.getCommandLine().getParent() != null) {
            return Optional.empty();
        }
        CommandLine root = exception.getCommandLine();
        for (String argument : unmatched.getUnmatched()) {
            String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
            if (!name.startsWith("-") || root.getCommandSpec().findOption(name) != null) {
                continue;
            }
            List<String> command = commandWords(root, args);
            // the option of the command typed; with none typed, of any subcommand
            Optional<CommandLine.Model.OptionSpec> option = command.isEmpty() ? subcommandOption(root, name)
                    : Optional.ofNullable(typed(root, command).getCommandSpec().findOption(name));
            if (option.isEmpty()) {
                continue;
            }
            String value = option.get().arity().max() > 0 ? " " + option.get().paramLabel() : "";
            return Optional.of(name + " is an option of the subcommands: put it after the command, e.g. polder "
                    + (command.isEmpty() ? "COMMAND" : String.join(" ", command)) + " " + name + value);
        }
        return Optional.empty();
    }

    private static Optional<CommandLine.Model.OptionSpec> subcommandOption(CommandLine parent, String name) {
        for (CommandLine subcommand : parent.getSubcommands().values()) {
            CommandLine.Model.OptionSpec option = subcommand.getCommandSpec().findOption(name);
            if (option != null) {
                return Optional.of(option);
            }
            Optional<CommandLine.Model.OptionSpec> nested = subcommandOption(subcommand, name);
            if (nested.isPresent()) {
                return nested;
            }
        }
        return Optional.empty();
    }

    /** The deepest command {@code words} name, from {@code root}: {@code get} for {@code get products}. */
    private static CommandLine typed(CommandLine root, List<String> words) {
        CommandLine command = root;
        for (String word : words) {
            CommandLine subcommand = command.getSubcommands().get(word);
            if (subcommand == null) {
                break;
            }
            command = subcommand;
        }
        return command;
    }

    /** The words from the first one that names a subcommand on, without options: the command as meant. */
    private static List<String> commandWords(CommandLine root, String[] args) {
        List<String> words = new ArrayList<>();
        boolean started = false;
        for (String arg : args) {
            started = started || root.getSubcommands().containsKey(arg);
            if (started && !arg.startsWith("-")) {
                words.add(arg.matches("[A-Za-z0-9._/:@=-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
            } else if (started) {
                break;
            }
        }
        return words;
    }

    private static int handleFailure(Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (exception instanceof PolderException polder) {
            err.println("polder: " + polder.getMessage());
            return polder.code().exitCode();
        }
        err.println("polder: internal error: " + exception);
        if (System.getenv("POLDER_DEBUG") != null) {
            exception.printStackTrace(err);
        } else {
            err.println("  (set POLDER_DEBUG=1 for the stack trace, and please report it)");
        }
        return ErrorCode.INTERNAL.exitCode();
    }
}
