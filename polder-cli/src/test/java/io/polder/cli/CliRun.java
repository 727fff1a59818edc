package io.polder.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

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
        return java.nio.file.Path.of(root).resolve(relative).normalize().toString();
    }

    static String standards(String relative) {
        String root = System.getProperty("polder.standards.dir", "../../shared/standards");
        return java.nio.file.Path.of(root).resolve(relative).normalize().toString();
    }
}
