package io.polder.registry.apply;

import io.polder.model.problem.Problem;
import io.polder.model.source.Position;
import io.polder.model.validate.MeshLoader;
import io.polder.spi.settings.ProductSettings;
import io.polder.spi.settings.ProductSettingsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The platform files of a product folder in a bundle: {@code polder.yaml}, checked with the engine SPI's reader
 * (every problem at its line and column), and {@code build/*.sql}, whose names must be SQL names because each
 * names the relation it makes. The SQL itself is parsed by the engine when it builds: the registry does not
 * embed one.
 */
final class ProductFiles {
    /** What {@code build/NAME.sql} may be called: NAME becomes a relation. */
    private static final Pattern BUILD_FILE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}\\.sql");
    /** A build file larger than this is not SQL someone wrote by hand. */
    static final int MAX_BUILD_FILE_CHARS = 1_000_000;

    private ProductFiles() {
    }

    /** The product's files in the order they are stored (polder.yaml first); problems go to {@code problems}. */
    static List<Declared.File> check(MeshBundle.BundleProduct product, List<Problem> problems) {
        List<Declared.File> files = new ArrayList<>();
        if (product.settingsYaml() != null) {
            String display = product.path() + "/" + ProductSettings.FILE_NAME;
            problems.addAll(ProductSettingsReader.check(product.settingsYaml(), display));
            files.add(new Declared.File(Declared.File.SETTINGS, ProductSettings.FILE_NAME, product.settingsYaml()));
        }
        for (MeshBundle.BundleFile file : product.buildFiles()) {
            String display = product.path() + "/" + MeshLoader.BUILD_DIR + "/" + file.name();
            if (!BUILD_FILE.matcher(file.name()).matches()) {
                problems.add(Problem.error(display, Position.START, "", "a build file is named after the relation"
                        + " it makes: NAME.sql with NAME a SQL name ([A-Za-z_][A-Za-z0-9_]*)"));
            } else if (file.text().isBlank()) {
                problems.add(Problem.error(display, Position.START, "", "the build file is empty; it must hold"
                        + " one SELECT that makes the relation " + file.name().substring(0, file.name().length() - 4)));
            } else if (file.text().length() > MAX_BUILD_FILE_CHARS) {
                problems.add(Problem.error(display, Position.START, "", "the build file has more than "
                        + MAX_BUILD_FILE_CHARS + " characters"));
            }
            files.add(new Declared.File(Declared.File.BUILD, file.name(), file.text()));
        }
        return files;
    }
}
