package io.polder.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.polder.model.validate.DocumentValidator;
import io.polder.model.validate.FileValidation;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Validating N generated ODCS contracts (read with positions, bind into the typed model, check every
 * rule of the standard) against the baseline of Jackson alone parsing the same files into a tree.
 * Target: at most 2x the baseline.
 */
final class ValidateSuite implements Suite {
    private static final double TARGET = 2.0;

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public String description() {
        return "validate N generated ODCS contracts vs Jackson parsing them (--contracts=10000, --runs=5); target <= 2x";
    }

    @Override
    public boolean run(BenchOptions options, PrintStream out) throws Exception {
        int count = options.integer("contracts", 10_000);
        int runs = options.integer("runs", 5);
        Path dir = Files.createTempDirectory("polder-bench-validate");
        try {
            List<Path> files = new ContractGenerator(42).writeContracts(dir, count);
            long bytes = 0;
            for (Path file : files) {
                bytes += Files.size(file);
            }
            out.printf("validate: %,d generated ODCS v3.1.0 contracts, %,d bytes in all; median of %d runs%n",
                    count, bytes, runs);
            checkAllValid(files);

            ObjectMapper jackson = new YAMLMapper();
            DocumentValidator polder = new DocumentValidator();
            long baseline = Measure.median(1, runs, () -> {
                long nodes = 0;
                for (Path file : files) {
                    nodes += jackson.readTree(Files.readAllBytes(file)).size();
                }
                return nodes;
            });
            long measured = Measure.median(1, runs, () -> {
                long errors = 0;
                for (Path file : files) {
                    errors += polder.validate(file, file.toString()).errorCount();
                }
                return errors;
            });
            double ratio = (double) measured / baseline;
            out.printf("  %-44s %12s%n", "baseline: Jackson YAML parse to a tree", Measure.millis(baseline));
            out.printf("  %-44s %12s   %s of baseline (target <= %.1fx)%n", "polder: read, bind and validate",
                    Measure.millis(measured), Measure.ratio(ratio), TARGET);
            out.printf("  per contract: %.1f us%n", measured / 1e3 / count);
            boolean met = ratio <= TARGET;
            out.println(met ? "  target met" : "  TARGET MISSED");
            return met;
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** A benchmark of validation that finds problems would measure the wrong thing: insist the input is valid. */
    private static void checkAllValid(List<Path> files) {
        DocumentValidator validator = new DocumentValidator();
        for (Path file : files.subList(0, Math.min(files.size(), 50))) {
            FileValidation validation = validator.validate(file, file.toString());
            if (validation.errorCount() > 0) {
                throw new IllegalStateException("generated contract is invalid: " + validation.problems());
            }
        }
    }
}
