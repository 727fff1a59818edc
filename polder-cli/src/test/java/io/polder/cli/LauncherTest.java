package io.polder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./polder} launcher, run by bash: a copy of it in a folder of its own, whose distribution is a jar that
 * names this test's class path (the real CLI, without building the distribution), and no start-up cache yet, so that
 * {@code serve} and {@code demo} are the runs that would record one.
 */
class LauncherTest {
    @TempDir
    Path root;

    @Test
    void aMistypedOptionOfServeOrDemoPrintsTheUsageErrorAloneAndRecordsNoStartUpCache() throws Exception {
        Path dist = distribution();
        for (List<String> args : List.of(List.of("serve", "--bogus"), List.of("demo", "--rows", "x"))) {
            Launched launched = launch(args);
            assertThat(launched.exitCode()).as("%s: %s", args, launched.err()).isEqualTo(2);
            assertThat(launched.err()).as("%s: the usage error, and nothing about a cache", args)
                    .startsWith(args.getFirst().equals("serve") ? "Unknown option: '--bogus'"
                            : "Invalid value for option '--rows': 'x' is not an int")
                    .contains("See `polder " + args.getFirst() + " --help` for its usage.").doesNotContain("Usage:")
                    .doesNotContain("polder:").doesNotContain("AOTConfiguration").doesNotContain("start-up cache");
            assertThat(launched.out()).isEmpty();
            try (var files = Files.list(dist)) {
                assertThat(files.map(file -> file.getFileName().toString()))
                        .as("nothing recorded from a run that did not serve").doesNotContain("polder.aot", "polder.aotconf");
            }
        }
    }

    @Test
    void aJvmThatCannotStartSaysWhyInTheRecordingRunToo() throws Exception {
        distribution();
        Launched launched = launch(List.of("serve"), Map.of("POLDER_JAVA_OPTS", "-Xmx1m"));
        assertThat(launched.exitCode()).isNotZero();
        assertThat(launched.err()).as("the VM's own reason, not silence").contains("Too small maximum heap");
    }

    /** The launcher and the script it sources, and {@code polder-cli/target/dist} with a jar and an empty lib/. */
    private Path distribution() throws IOException {
        Path repository = Path.of(CliRun.repo(""));
        Files.copy(repository.resolve("polder"), root.resolve("polder"));
        Files.createDirectories(root.resolve("scripts"));
        Files.copy(repository.resolve("scripts/java-env.sh"), root.resolve("scripts/java-env.sh"));
        Path dist = Files.createDirectories(root.resolve("polder-cli/target/dist/lib"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            classPath.add(Path.of(entry).toAbsolutePath().toUri().toString());
        }
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        try (OutputStream jar = Files.newOutputStream(dist.getParent().resolve("polder-cli.jar"));
             JarOutputStream ignored = new JarOutputStream(jar, manifest)) {
            // the manifest is the whole jar: the classes are on the class path it names
        }
        return dist.getParent();
    }

    private Launched launch(List<String> args) throws Exception {
        return launch(args, Map.of());
    }

    private Launched launch(List<String> args, Map<String, String> extra) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("polder").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectOutput(root.resolve("out.txt").toFile()).redirectError(root.resolve("err.txt").toFile());
        Map<String, String> environment = builder.environment();
        environment.remove("POLDER_STARTUP_CACHE");
        environment.remove("POLDER_JAVA_OPTS");
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.putAll(extra);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
        return new Launched(process.exitValue(), Files.readString(root.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(root.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private record Launched(int exitCode, String out, String err) {
    }
}
