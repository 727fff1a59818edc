package io.polder.cli;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.model.convert.Conversion;
import io.polder.model.convert.ConversionTarget;
import io.polder.model.convert.Converter;
import io.polder.model.odcs.OdcsReader;
import io.polder.model.problem.Problem;
import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.ParsedFile;
import io.polder.model.source.SourceDocument;
import io.polder.model.source.SourceFormat;
import io.polder.model.write.DocumentWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code polder convert}: upgrades ODCS v3.0 contracts and converts DCS 1.2.1 contracts to ODCS v3.1.0. */
@Command(name = "convert",
        header = "Converts a data contract to ODCS v3.1.0 (from ODCS v3.0 or DCS).",
        description = {
            "Converts a data contract to ODCS v3.1.0: upgrades ODCS v3.0.x, and converts Data Contract",
            "Specification (DCS, up to 1.2.1) documents (models and fields become schema objects and",
            "properties; servers, quality rules and service levels are mapped; whatever has no ODCS place",
            "is kept under customProperties and reported as a warning).",
            "",
            "The result is checked as ODCS v3.1.0 before it is written. Nothing is written when the input",
            "has errors.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  polder convert --to odcs-v3.1.0 datacontract.yaml > orders.odcs.yaml",
            "  polder convert --to odcs-v3.1.0 old.odcs.yaml -o new.odcs.yaml",
            "",
            "Exit codes: 0 converted (warnings on stderr), 1 the input has errors, 2 wrong usage."
        },
        mixinStandardHelpOptions = true)
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "TARGET", description = "What to convert to: odcs-v3.1.0.")
    String to;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of to standard output.")
    Path output;

    @Parameters(paramLabel = "FILE", description = "The contract to convert (YAML or JSON).")
    Path input;

    @Override
    public Integer call() throws IOException {
        ConversionTarget target = ConversionTarget.parse(to);
        if (!Files.isRegularFile(input)) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, (Files.isDirectory(input) ? input
                    + " is a folder; convert takes one contract file" : "no such file: " + input));
        }
        PrintWriter err = spec.commandLine().getErr();
        String display = input.toString();
        ParsedFile parsed = DocumentReader.withDefaults().read(input, display);
        Problems problems = new Problems(display);
        parsed.problems().forEach(problems::add);
        List<String> converted = new ArrayList<>();
        Converter converter = Converter.to(target);
        for (SourceDocument document : parsed.documents()) {
            Conversion conversion = converter.convert(document, problems);
            if (conversion.hasDocument()) {
                converted.add(DocumentWriter.toYaml(conversion.document()));
            }
        }
        problems.list().forEach(problem -> err.println(problem.format()));
        if (problems.hasErrors() || converted.isEmpty()) {
            err.println("polder: not converted: " + ValidateCommand.plural(problems.errorCount(), "error") + " in " + display);
            return ErrorCode.INVALID_DOCUMENT.exitCode();
        }
        checkResult(converted, display);
        String text = String.join("---\n", converted);
        if (output == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            writeAtomically(output, text);
            err.println("wrote " + output + " (ODCS " + target.value().replace("odcs-", "") + ")");
        }
        return 0;
    }

    /** A conversion that yields an invalid contract is Polder's fault; say so instead of writing it. */
    private static void checkResult(List<String> converted, String display) {
        OdcsReader reader = new OdcsReader();
        for (String yaml : converted) {
            ParsedFile reread = DocumentReader.withDefaults().read(yaml, display + " (converted)", SourceFormat.YAML);
            Problems problems = new Problems(reread.file());
            reread.problems().forEach(problems::add);
            reread.documents().forEach(document -> reader.read(document, problems));
            if (problems.hasErrors()) {
                throw new PolderException(ErrorCode.INTERNAL, "the converted contract is not valid ODCS; please report this:\n  "
                        + String.join("\n  ", problems.list().stream().filter(Problem::isError).map(Problem::format).toList()));
            }
        }
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temporary = Files.createTempFile(absolute.getParent(), ".polder-convert-", ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
