package io.polder.registry.apply;

import io.polder.model.mesh.MeshConfig;
import io.polder.model.odps.OutputPort;
import io.polder.model.problem.Problem;
import io.polder.model.validate.ProductFolder;
import io.polder.spi.exceptions.BuildDefinitionException;
import io.polder.spi.settings.AutoApproval;
import io.polder.spi.settings.ProductSettings;
import io.polder.spi.settings.ProductSettingsReader;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the reader of {@code polder.yaml} cannot know about its {@code access:} section: that each auto-approved
 * port is an output port of the product, and each team is declared in mesh.yaml. Problems name the file, line and
 * column of the entry.
 */
final class AccessSettingsCheck {
    private AccessSettingsCheck() {
    }

    static void check(MeshBundle.BundleProduct product, ProductFolder folder, MeshConfig mesh, List<Problem> problems) {
        if (product.settingsYaml() == null || folder == null) {
            return;
        }
        String display = product.path() + "/" + ProductSettings.FILE_NAME;
        ProductSettings settings;
        try {
            settings = ProductSettingsReader.parse(product.settingsYaml(), display);
        } catch (BuildDefinitionException e) {
            return; // its problems are reported by ProductFiles
        }
        Set<String> ports = folder.product().product().outputPortList().stream().map(OutputPort::name)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        Set<String> teams = mesh == null ? Set.of() : mesh.teams().stream().map(MeshConfig.Team::id)
                .collect(Collectors.toSet());
        for (AutoApproval rule : settings.access().autoApprove()) {
            if (!ports.contains(rule.port())) {
                problems.add(Problem.error(display, rule.position(), "/access/autoApprove", "`" + rule.port()
                        + "` is not an output port of this product; its output ports: "
                        + (ports.isEmpty() ? "none" : String.join(", ", ports))));
            }
            for (String team : rule.teams()) {
                if (mesh != null && !teams.contains(team)) {
                    problems.add(Problem.error(display, rule.position(), "/access/autoApprove", "team `" + team
                            + "` (auto-approved for port " + rule.port() + ") is not declared in mesh.yaml"));
                }
            }
        }
    }
}
