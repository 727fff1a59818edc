package io.polder.registry.catalog;

import io.polder.registry.store.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps the catalog's rows to its records. */
final class CatalogRows {
    private CatalogRows() {
    }

    static Product product(ResultSet row, StatementContext context) throws SQLException {
        String sunset = row.getString("sunset_date");
        return new Product(row.getString("id"), row.getString("domain_id"), row.getString("team_id"),
                row.getString("name"), row.getString("current_version"), LifecycleStatus.parse(row.getString("status")),
                sunset == null ? null : LocalDate.parse(sunset), row.getLong("revision"),
                Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"));
    }

    static ProductVersion productVersion(ResultSet row, StatementContext context) throws SQLException {
        return new ProductVersion(row.getString("product_id"), row.getString("version"), row.getLong("revision"),
                row.getString("digest"), row.getString("declared_status"), row.getString("source_path"),
                Rows.instant(row, "created_at"), row.getString("created_by"));
    }

    static Port port(ResultSet row, StatementContext context) throws SQLException {
        return new Port(row.getString("product_id"), row.getString("product_version"),
                PortDirection.parse(row.getString("direction")), row.getString("name"), row.getString("port_version"),
                row.getString("port_type"), row.getString("contract_id"), row.getString("description"));
    }

    static Contract contract(ResultSet row, StatementContext context) throws SQLException {
        return new Contract(row.getString("id"), row.getString("product_id"), row.getString("name"),
                row.getString("current_version"), row.getString("status"), Rows.instant(row, "created_at"),
                Rows.instant(row, "updated_at"));
    }

    static ContractVersion contractVersion(ResultSet row, StatementContext context) throws SQLException {
        return new ContractVersion(row.getString("contract_id"), row.getString("version"), row.getString("digest"),
                row.getString("source_path"), Rows.instant(row, "created_at"), row.getString("created_by"));
    }

    static StoredDocument document(ResultSet row, StatementContext context) throws SQLException {
        return new StoredDocument(row.getString("document_text"), row.getString("document_json"),
                row.getString("digest"));
    }

    /** A domain row joined with one of its owners (or none). */
    record DomainRow(Domain domain, String owner) {
        static DomainRow map(ResultSet row, StatementContext context) throws SQLException {
            Domain domain = new Domain(row.getString("id"), row.getString("name"), row.getString("description"),
                    List.of(), Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"));
            return new DomainRow(domain, row.getString("owner"));
        }
    }

    /** A team row joined with one of its members (or none). */
    record TeamRow(Team team, Team.TeamMember member) {
        static TeamRow map(ResultSet row, StatementContext context) throws SQLException {
            Team team = new Team(row.getString("id"), row.getString("domain_id"), row.getString("name"),
                    row.getString("description"), List.of(), Rows.instant(row, "created_at"),
                    Rows.instant(row, "updated_at"));
            String member = row.getString("principal_name");
            return new TeamRow(team, member == null ? null
                    : new Team.TeamMember(member, row.getString("display_name"), row.getString("member_role")));
        }
    }

    /** A principal row joined with one of its memberships (or none). */
    record MemberRow(Member member, Member.Membership membership) {
        static MemberRow map(ResultSet row, StatementContext context) throws SQLException {
            Member member = new Member(row.getString("name"), row.getString("display_name"), List.of());
            String kind = row.getString("kind");
            return new MemberRow(member, kind == null ? null
                    : new Member.Membership(kind, row.getString("ref_id"), row.getString("member_role")));
        }
    }

    static List<Domain> domains(List<DomainRow> rows) {
        return fold(rows, row -> row.domain().id(), DomainRow::owner, (first, owners) -> new Domain(first.domain().id(),
                first.domain().name(), first.domain().description(), owners, first.domain().createdAt(),
                first.domain().updatedAt()));
    }

    static List<Team> teams(List<TeamRow> rows) {
        return fold(rows, row -> row.team().id(), TeamRow::member, (first, members) -> new Team(first.team().id(),
                first.team().domain(), first.team().name(), first.team().description(), members,
                first.team().createdAt(), first.team().updatedAt()));
    }

    static List<Member> members(List<MemberRow> rows) {
        return fold(rows, row -> row.member().name(), MemberRow::membership,
                (first, memberships) -> new Member(first.member().name(), first.member().displayName(), memberships));
    }

    /**
     * Folds the rows of a one-to-many join (ordered by the parent's key) into one value per parent, so a
     * page with its children costs one query.
     */
    private static <R, C, T> List<T> fold(List<R> rows, Function<R, String> key, Function<R, C> child,
                                          Builder<R, C, T> builder) {
        Map<String, List<R>> byKey = new LinkedHashMap<>();
        for (R row : rows) {
            byKey.computeIfAbsent(key.apply(row), k -> new ArrayList<>()).add(row);
        }
        List<T> folded = new ArrayList<>();
        for (List<R> group : byKey.values()) {
            List<C> children = group.stream().map(child).filter(java.util.Objects::nonNull).toList();
            folded.add(builder.build(group.get(0), children));
        }
        return folded;
    }

    @FunctionalInterface
    private interface Builder<R, C, T> {
        T build(R first, List<C> children);
    }
}
