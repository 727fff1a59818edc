package io.polder.model.mesh;

import io.polder.model.bind.Copies;
import io.polder.model.bind.Fields;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A mesh's {@code mesh.yaml}: its domains and teams (and, later, platform settings). This is Polder's own
 * document, not a standard one: products (ODPS) and contracts (ODCS) refer to it by domain and team ids.
 */
public record MeshConfig(String apiVersion, String kind, String name, String description, List<Domain> domains,
                         List<Team> teams) {
    public static final String API_VERSION = "polder/v1";
    public static final String KIND = "Mesh";

    /** Ids of domains, teams and products: lowercase, starting with a letter, dashes allowed. */
    static final Pattern ID = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");
    private static final String ID_RULE = "must be a lowercase id ([a-z][a-z0-9-]*, at most 63 characters)";

    public MeshConfig {
        domains = Copies.list(domains);
        teams = Copies.list(teams);
    }

    public Optional<Domain> domain(String id) {
        return domains == null ? Optional.empty() : domains.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public Optional<Team> team(String id) {
        return teams == null ? Optional.empty() : teams.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** A business domain: owns products through its teams. */
    public record Domain(String id, String name, String description, List<String> owners) {
        public Domain {
            owners = Copies.list(owners);
        }

        static Domain bind(Fields fields) {
            Domain domain = new Domain(fields.require("id").string("id", ID, ID_RULE), fields.string("name"),
                    fields.string("description"), fields.strings("owners"));
            fields.rejectUnknown();
            return domain;
        }
    }

    /** A team within a domain; products name it as their owner (ODPS {@code team.name}). */
    public record Team(String id, String name, String domain, String description, List<Member> members) {
        public Team {
            members = Copies.list(members);
        }

        static Team bind(Fields fields) {
            Team team = new Team(fields.require("id").string("id", ID, ID_RULE), fields.string("name"),
                    fields.requiredString("domain"), fields.string("description"),
                    fields.objects("members", Member::bind));
            fields.rejectUnknown();
            return team;
        }
    }

    /** A person (or service principal) in a team. */
    public record Member(String username, String name, MemberRole role) {
        static Member bind(Fields fields) {
            Member member = new Member(fields.requiredString("username"), fields.string("name"),
                    fields.choice("role", MemberRole.class));
            fields.rejectUnknown();
            return member;
        }
    }

    /** Reads a mesh.yaml object; problems go to the binder's collector. */
    public static MeshConfig bind(Fields fields) {
        fields.require("apiVersion", "kind", "name");
        String apiVersion = fields.string("apiVersion");
        if (apiVersion != null && !API_VERSION.equals(apiVersion)) {
            fields.problems().error(fields.raw("apiVersion"),
                    "`apiVersion` must be " + API_VERSION + ", found '" + apiVersion + "'");
        }
        String kind = fields.string("kind");
        if (kind != null && !KIND.equals(kind)) {
            fields.problems().error(fields.raw("kind"), "`kind` must be " + KIND + ", found '" + kind + "'");
        }
        MeshConfig config = new MeshConfig(apiVersion, kind, fields.string("name"), fields.string("description"),
                fields.objects("domains", Domain::bind), fields.objects("teams", Team::bind));
        fields.rejectUnknown();
        return config;
    }
}
