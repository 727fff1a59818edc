package io.polder.engine.duckdb.check;

import io.polder.spi.check.CheckOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One check of a table, as it will be measured. */
sealed interface PlannedCheck {
    RuleMeta meta();

    /** Decided without reading data: schema conformance, text rules, rules that cannot run. */
    record Known(RuleMeta meta, CheckOutcome outcome, Object value, String message) implements PlannedCheck {
    }

    /**
     * A count from the table's fused aggregate scan: {@code count_if(predicate)}, or the row count itself when
     * {@code predicate} is null; or, when the files' footers already know it, {@code knownCount} (then
     * {@code expression} is -1).
     *
     * @param percent compare the count as a percentage of the rows
     * @param phrase what is counted, for messages ("null values")
     */
    record Counted(RuleMeta meta, int expression, Long knownCount, String predicate, boolean percent, String phrase)
            implements PlannedCheck {
    }

    /**
     * Duplicates over a set of key columns, from the key set's own query. A primary key also counts rows
     * with a null key part ({@code nullKeyPredicate}): from the aggregate scan ({@code nullKeyExpression}), or
     * known from the footers ({@code knownNullKeys}); a plain uniqueness check has neither.
     */
    record Duplicates(RuleMeta meta, List<String> keyColumns, boolean percent, int nullKeyExpression,
                      Long knownNullKeys, String nullKeyPredicate) implements PlannedCheck {
        public Duplicates {
            keyColumns = List.copyOf(keyColumns);
        }
    }

    /**
     * The newest value of a column, from the aggregate scan (epoch milliseconds, or a date), against a cutoff.
     *
     * @param cutoff the oldest acceptable newest value
     * @param cutoffDate the same for a date column (the day of the cutoff)
     */
    record Freshness(RuleMeta meta, int expression, boolean dateColumn, Instant now, Instant cutoff,
                     LocalDate cutoffDate, SlaRules.Amount allowed) implements PlannedCheck {
    }

    /** A sql rule (or a custom rule with an operator): one value compared with the threshold. */
    record Query(RuleMeta meta, String sql) implements PlannedCheck {
    }

    /** A custom rule that selects offending rows: passes when there are none. */
    record Rows(RuleMeta meta, String sql) implements PlannedCheck {
    }
}
