package io.polder.governance;

import static java.util.Objects.requireNonNull;

import io.polder.model.bind.Copies;
import io.polder.model.mesh.MeshConfig;
import java.util.List;

/**
 * The {@code domain} variable: the product's domain as mesh.yaml declares it. A domain that mesh.yaml does
 * not declare has only its id.
 */
public record DomainInfo(String id, String name, String description, List<String> owners) {
    public DomainInfo {
        requireNonNull(id, "id is null");
        owners = Copies.list(owners);
    }

    public static DomainInfo of(MeshConfig.Domain domain) {
        return new DomainInfo(domain.id(), domain.name(), domain.description(), domain.owners());
    }

    public static DomainInfo unknown(String id) {
        return new DomainInfo(id == null ? "" : id, null, null, null);
    }
}
