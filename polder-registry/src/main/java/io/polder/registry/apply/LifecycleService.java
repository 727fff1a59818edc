package io.polder.registry.apply;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.Names;
import io.polder.registry.audit.AuditLog;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.auth.Action;
import io.polder.registry.auth.Authorizer;
import io.polder.registry.auth.Principal;
import io.polder.registry.catalog.CatalogChanges;
import io.polder.registry.catalog.CatalogService;
import io.polder.registry.catalog.LifecycleStatus;
import io.polder.registry.catalog.Product;
import io.polder.registry.store.Database;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves products through their lifecycle (draft → active → deprecated → retired) with optimistic
 * concurrency: a change names the revision it was based on and is refused when the product has changed
 * since.
 */
public final class LifecycleService {
    static final String UPDATE_STATUS = """
            UPDATE products SET status = :status, sunset_date = :sunset, revision = revision + 1, updated_at = :now
            WHERE id = :id AND revision = :revision""";

    private final Database database;
    private final CatalogService catalog;
    private final Authorizer authorizer;
    private final AuditLog audit;
    private final Clock clock;
    private final CatalogChanges changes;

    public LifecycleService(Database database, CatalogService catalog, Authorizer authorizer, AuditLog audit,
                            Clock clock) {
        this(database, catalog, authorizer, audit, clock, new CatalogChanges());
    }

    /** With {@code changes} told of every product this service moves, after each commit. */
    public LifecycleService(Database database, CatalogService catalog, Authorizer authorizer, AuditLog audit,
                            Clock clock, CatalogChanges changes) {
        this.database = requireNonNull(database, "database is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.changes = requireNonNull(changes, "changes is null");
    }

    /**
     * Moves product {@code productId} to {@code status}.
     *
     * @param sunsetDate when a deprecated product will be retired: required for, and only for, deprecated
     * @param expectedRevision the revision the caller last saw (an HTTP If-Match); null to skip the check
     * @return the product after the change (unchanged if it already had this status and sunset date)
     * @throws PolderException NOT_FOUND for an unknown product; FORBIDDEN unless the principal may change
     *         the product's domain; CONFLICT for a stale revision or a move the lifecycle does not allow;
     *         INVALID_ARGUMENT for a missing, misplaced or past sunset date
     */
    public Product changeLifecycle(Principal principal, String productId, LifecycleStatus status,
                                   LocalDate sunsetDate, Long expectedRevision) {
        requireNonNull(principal, "principal is null");
        Names.requireId("product id", productId);
        requireNonNull(status, "status is null");
        checkSunsetDate(status, sunsetDate);
        String target = "product/" + productId;
        Product before = catalog.getProductSummary(productId);
        authorizer.require(principal, Action.CHANGE_LIFECYCLE, before.domain(), target);
        try {
            Product after = database.write(handle -> {
                Product current = CatalogService.productForUpdate(handle, productId);
                Authorizer.refusal(principal, Action.CHANGE_LIFECYCLE, current.domain()).ifPresent(refusal -> {
                    throw refusal;
                });
                checkRevision(current, expectedRevision);
                if (current.status() == status && java.util.Objects.equals(current.sunsetDate(), sunsetDate)) {
                    return current;
                }
                checkTransition(current, status);
                int updated = handle.createUpdate(UPDATE_STATUS)
                        .bind("status", status.value())
                        .bind("sunset", sunsetDate == null ? null : sunsetDate.toString())
                        .bind("now", clock.millis())
                        .bind("id", productId)
                        .bind("revision", current.revision())
                        .execute();
                if (updated != 1) {
                    throw stale(productId, current.revision());
                }
                audit.record(handle, principal, Action.CHANGE_LIFECYCLE, target, AuditOutcome.SUCCEEDED,
                        details(current, status, sunsetDate));
                return CatalogService.productForUpdate(handle, productId);
            });
            if (after.revision() != before.revision()) {
                changes.productChanged(productId);
            }
            return after;
        } catch (PolderException e) {
            recordRefusal(principal, target, e);
            throw e;
        }
    }

    private void recordRefusal(Principal principal, String target, PolderException e) {
        if (e.code() == ErrorCode.FORBIDDEN) {
            authorizer.recordDenied(principal, Action.CHANGE_LIFECYCLE, target, e);
        } else if (e.code() == ErrorCode.CONFLICT) {
            audit.record(principal, Action.CHANGE_LIFECYCLE, target, AuditOutcome.FAILED, Map.of("reason", e.getMessage()));
        }
    }

    private void checkSunsetDate(LifecycleStatus status, LocalDate sunsetDate) {
        if (status == LifecycleStatus.DEPRECATED && sunsetDate == null) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT,
                    "deprecating a product needs a sunset date: the day it will be retired");
        }
        if (status != LifecycleStatus.DEPRECATED && sunsetDate != null) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "only a deprecated product has a sunset date");
        }
        if (sunsetDate != null && sunsetDate.isBefore(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "the sunset date " + sunsetDate + " is in the past");
        }
    }

    private static void checkRevision(Product current, Long expectedRevision) {
        if (expectedRevision != null && expectedRevision != current.revision()) {
            throw stale(current.id(), expectedRevision);
        }
    }

    private static void checkTransition(Product current, LifecycleStatus status) {
        boolean newSunsetDate = current.status() == LifecycleStatus.DEPRECATED && status == LifecycleStatus.DEPRECATED;
        if (!newSunsetDate && !current.status().canMoveTo(status)) {
            throw new PolderException(ErrorCode.CONFLICT, "product '" + current.id() + "' is " + current.status()
                    + " and cannot become " + status + "; " + allowedMoves(current.status()),
                    Map.of("status", current.status().value()), null);
        }
    }

    private static String allowedMoves(LifecycleStatus status) {
        return status.next().isEmpty() ? "a " + status + " product cannot change"
                : "it can become " + status.next().stream().sorted().map(LifecycleStatus::value)
                        .collect(java.util.stream.Collectors.joining(" or "));
    }

    static PolderException stale(String productId, long revision) {
        return new PolderException(ErrorCode.CONFLICT, "product '" + productId + "' has changed since revision "
                + revision + "; read it again and retry", Map.of("revision", revision), null);
    }

    private static Map<String, String> details(Product before, LifecycleStatus status, LocalDate sunsetDate) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("from", before.status().value());
        details.put("to", status.value());
        details.put("revision", Long.toString(before.revision() + 1));
        if (sunsetDate != null) {
            details.put("sunsetDate", sunsetDate.toString());
        }
        return details;
    }
}
