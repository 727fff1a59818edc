package io.polder.engine.duckdb.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What the example mesh's data generator makes: the same seed, size and time always give the same data.
 *
 * @param orders how many orders (the order lines, about 2.5 per order, are the largest source)
 * @param customers how many customer accounts; the customer contracts promise more than 100,000
 * @param now the moment the data is generated at: dates run up to it, so freshness SLAs hold when the demo runs
 */
public record DemoOptions(long seed, int orders, int customers, Instant now) {
    /** The demo's default: a million orders. */
    public static final int DEFAULT_ORDERS = 1_000_000;
    /** More than the 100,000 accounts the customer contracts require, after erasures. */
    public static final int MINIMUM_CUSTOMERS = 110_000;

    public DemoOptions {
        if (orders < 200) {
            throw new IllegalArgumentException("generate at least 200 orders, so that every recent day has some");
        }
        if (customers < 1_000) {
            throw new IllegalArgumentException("generate at least 1,000 customers");
        }
    }

    /** {@code orders} orders, a customer for every eight orders (at least {@link #MINIMUM_CUSTOMERS}), seed 42. */
    public static DemoOptions of(int orders, Instant now) {
        return new DemoOptions(42, orders, Math.max(MINIMUM_CUSTOMERS, orders / 8), now);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    /** Orders go back to 2019 (when the order system started), at most six years. */
    public LocalDate firstOrderDate() {
        LocalDate sixYearsAgo = today().minusYears(6);
        LocalDate systemStart = LocalDate.of(2019, 1, 1);
        return sixYearsAgo.isAfter(systemStart) ? sixYearsAgo : systemStart;
    }
}
