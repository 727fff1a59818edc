package io.polder.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the real command line in-process and captures what it prints. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    static String repo(String relative) {
        String root = System.getProperty("polder.repo.dir", "..");
        return Path.of(root).resolve(relative).normalize().toString();
    }

    static String standards(String relative) {
        String root = System.getProperty("polder.standards.dir", "../../shared/standards");
        return Path.of(root).resolve(relative).normalize().toString();
    }

    /** A copy of the repository's example mesh in {@code target}, to change without touching the original. */
    static void copyExampleMesh(Path target) throws IOException {
        Path source = Path.of(repo("examples/mesh"));
        try (var walk = Files.walk(source)) {
            for (Path path : walk.toList()) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy);
                }
            }
        }
    }
}
