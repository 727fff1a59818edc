package io.polder.server.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronExpressionTest {
    private static ZonedDateTime at(String time) {
        return ZonedDateTime.parse(time);
    }

    @Test
    void fieldsMatchNumbersRangesStepsListsAndNames() {
        assertThat(CronExpression.parse("5 * * * *").matches(at("2026-03-02T10:05:00Z"))).isTrue();
        assertThat(CronExpression.parse("5 * * * *").matches(at("2026-03-02T10:06:00Z"))).isFalse();
        CronExpression quarters = CronExpression.parse("*/15 * * * *");
        assertThat(quarters.matches(at("2026-03-02T10:45:00Z"))).isTrue();
        assertThat(quarters.matches(at("2026-03-02T10:50:00Z"))).isFalse();
        CronExpression workdays = CronExpression.parse("0 9-17/4 * JAN-MAR MON-FRI");
        assertThat(workdays.matches(at("2026-03-02T13:00:00Z"))).as("a Monday at 13:00").isTrue();
        assertThat(workdays.matches(at("2026-03-01T13:00:00Z"))).as("a Sunday").isFalse();
        assertThat(workdays.matches(at("2026-04-06T13:00:00Z"))).as("April").isFalse();
        assertThat(CronExpression.parse("0 0 * * 7").matches(at("2026-03-01T00:00:00Z"))).as("7 is Sunday").isTrue();
        assertThat(CronExpression.parse("30 4 1,15 * *").matches(at("2026-03-15T04:30:00Z"))).isTrue();
    }

    @Test
    void bothDayFieldsRestrictedMatchEitherDay() {
        CronExpression firstOrMonday = CronExpression.parse("0 0 1 * MON");
        assertThat(firstOrMonday.matches(at("2026-03-01T00:00:00Z"))).as("the 1st, a Sunday").isTrue();
        assertThat(firstOrMonday.matches(at("2026-03-02T00:00:00Z"))).as("a Monday").isTrue();
        assertThat(firstOrMonday.matches(at("2026-03-03T00:00:00Z"))).isFalse();
    }

    @Test
    void whatCannotBeEvaluatedIsRefusedWithItsField() {
        assertThatThrownBy(() -> CronExpression.parse("* * * *")).hasMessageContaining("five fields");
        assertThatThrownBy(() -> CronExpression.parse("61 * * * *")).hasMessageContaining("61 is not between 0 and 59");
        assertThatThrownBy(() -> CronExpression.parse("0 0 L * *")).hasMessageContaining("L, W and # are not supported");
        assertThatThrownBy(() -> CronExpression.parse("0 10-2 * * *")).hasMessageContaining("backwards");
    }
}
