package io.polder.registry.access;

import static java.util.Objects.requireNonNull;

import io.polder.registry.store.Database;
import io.polder.spi.exceptions.BuildDefinitionException;
import io.polder.spi.settings.AutoApproval;
import io.polder.spi.settings.ProductSettings;
import io.polder.spi.settings.ProductSettingsReader;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a new request is approved at once, as the {@code access.autoApprove} section of the port's
 * product's current {@code polder.yaml} says: the request asks to unmask nothing, is not longer than the entry's
 * {@code maxDays}, and is for (or by a member of) one of the entry's teams, or was opened by applying a product
 * that reads the port when the entry approves {@code productConsumers}. An automatic grant unmasks nothing and
 * filters no row.
 */
final class AutoApprovals {
    private static final Logger LOG = LoggerFactory.getLogger(AutoApprovals.class);
    static final String SETTINGS = """
            SELECT f.file_text FROM products p
            JOIN product_version_files f ON f.product_id = p.id AND f.product_version = p.current_version
            WHERE p.id = :product AND f.file_kind = 'settings'""";

    private final Database database;

    AutoApprovals(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    /** The grant's days (null: no expiry) and the reason recorded with it. */
    record Decision(Integer days, String reason) {
    }

    /**
     * @param requesterTeams the teams the requester belongs to
     * @return the decision when the port's settings approve {@code request} at once
     */
    Optional<Decision> decide(AccessRequest request, Set<String> requesterTeams) {
        Optional<AutoApproval> declared = settings(request.product())
                .flatMap(settings -> settings.access().forPort(request.port()));
        if (declared.isEmpty() || !request.unmaskColumns().isEmpty()) {
            return Optional.empty();
        }
        AutoApproval rule = declared.get();
        Integer days = request.durationDays() == null ? rule.maxDays() : request.durationDays();
        if (rule.maxDays() != null && days > rule.maxDays()) {
            return Optional.empty();
        }
        String file = request.product() + "/" + ProductSettings.FILE_NAME;
        if (rule.productConsumers() && request.consumerProduct() != null) {
            return Optional.of(new Decision(days, "auto-approved: " + file + " approves the products that read "
                    + request.address()));
        }
        if (request.granteeKind() == GranteeKind.TEAM && rule.teams().contains(request.grantee())) {
            return Optional.of(new Decision(days, "auto-approved: " + file + " approves team " + request.grantee()));
        }
        if (request.granteeKind() == GranteeKind.PRINCIPAL) {
            Optional<String> team = rule.teams().stream().filter(requesterTeams::contains).findFirst();
            if (team.isPresent()) {
                return Optional.of(new Decision(days, "auto-approved: " + file + " approves the members of team "
                        + team.get()));
            }
        }
        return Optional.empty();
    }

    private Optional<ProductSettings> settings(String product) {
        Optional<String> text = database.read(handle -> handle.createQuery(SETTINGS).bind("product", product)
                .mapTo(String.class).findFirst());
        try {
            return text.map(yaml -> ProductSettingsReader.parse(yaml, product + "/" + ProductSettings.FILE_NAME));
        } catch (BuildDefinitionException e) {
            // it was valid when applied; without readable settings nothing is approved at once
            LOG.warn("the polder.yaml of {} cannot be read, so no request is approved at once: {}", product,
                    e.getMessage());
            return Optional.empty();
        }
    }
}
