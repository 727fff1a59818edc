package io.polder.governance;

import io.polder.model.odps.DataProduct;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A condition on the product that a policy's {@code when} implies, tested in plain Java before anything is
 * evaluated: when it is false the policy does not apply. When it tests one field for one of a few values
 * ({@code product.status == 'retired'}, {@code 'legacy' in product.tags}) the policy set indexes it by that
 * field, so that a product only ever looks at the policies that name its own values.
 *
 * @param test the whole condition
 * @param field the indexed field (id, name, version, status, domain, tenant or tags), or null
 * @param values the values of {@code field} for which it may hold
 */
record Guard(Predicate<DataProduct> test, String field, Set<String> values) {
    static final Guard ALWAYS = new Guard(product -> true, null, Set.of());

    /** The product's string fields a guard can test, and their accessors. */
    static final Map<String, Function<DataProduct, String>> FIELDS = Map.of(
            "id", DataProduct::id, "name", DataProduct::name, "version", DataProduct::version,
            "status", DataProduct::status, "domain", product -> Objects.requireNonNullElse(product.domain(), ""),
            "tenant", DataProduct::tenant);
    static final String TAGS = "tags";

    boolean indexed() {
        return field != null;
    }

    /** The values of the indexed field that the product has. */
    static List<String> valuesOf(DataProduct product, String field) {
        if (field.equals(TAGS)) {
            return product.tags() == null ? List.of() : product.tags();
        }
        String value = FIELDS.get(field).apply(product);
        return value == null ? List.of() : List.of(value);
    }

    Guard and(Guard other) {
        return new Guard(test.and(other.test), field != null ? field : other.field,
                field != null ? values : other.values);
    }
}
