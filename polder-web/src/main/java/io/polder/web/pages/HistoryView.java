package io.polder.web.pages;

import io.polder.model.odcs.DataContract;
import io.polder.registry.runs.RunHistory.CheckTally;
import io.polder.registry.runs.RunHistory.Publish;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The product page's quality and freshness history, per output port, from the runs the registry recorded:
 * each contract run's checks (the share that passed, against the contract's promise that every check passes),
 * and each published snapshot (how old the published data had grown when the next one replaced it, and how
 * old it is now, against the contract's freshness SLA). Charts draw the latest {@link #CHART_POINTS}; the
 * tables list the latest {@link #TABLE_ROWS}, which is what a browser without script shows.
 */
public record HistoryView(List<PortHistory> ports) {
    static final int CHART_POINTS = 100;
    static final int TABLE_ROWS = 20;

    public HistoryView {
        ports = List.copyOf(ports);
    }

    public boolean isEmpty() {
        return ports.isEmpty();
    }

    /** @param ref the port as runs name it, {@code product/port/vMAJOR} */
    public record PortHistory(String ref, QualityView quality, FreshnessView freshness) {
    }

    public record QualityView(Chart chart, List<QualityRow> rows) {
    }

    /**
     * One contract run on the port.
     *
     * @param met whether no error-severity check failed (the snapshot could be published)
     */
    public record QualityRow(String finishedAt, String kind, int passed, int blocking, int warned, int skipped,
                             String passRate, boolean met) {
    }

    /**
     * @param sla the freshness SLA in words, or null when the contract declares none
     * @param age how old the published snapshot is now
     * @param ageWithinSla whether that is within the SLA (null without one)
     */
    public record FreshnessView(Chart chart, String sla, String age, Boolean ageWithinSla, List<FreshnessRow> rows) {
    }

    /**
     * A published snapshot.
     *
     * @param ageWhenReplaced how old the snapshot before it had grown when this one replaced it ("" for the first)
     * @param withinSla whether that was within the SLA (null for the first or without an SLA)
     */
    public record FreshnessRow(String publishedAt, String snapshot, long rows, String ageWhenReplaced,
                               Boolean withinSla) {
    }

    /**
     * @param tallies the product's contract runs per port, newest first
     * @param publishes the product's published snapshots per port, newest first
     * @param contracts the contract behind each output port, by port name (absent when the registry lacks it)
     */
    static HistoryView of(List<CheckTally> tallies, List<Publish> publishes, Map<String, DataContract> contracts,
                          Instant now) {
        Map<String, List<CheckTally>> talliesByPort = new LinkedHashMap<>();
        tallies.forEach(tally -> talliesByPort.computeIfAbsent(tally.port(), port -> new ArrayList<>()).add(tally));
        Map<String, List<Publish>> publishesByPort = new LinkedHashMap<>();
        publishes.forEach(publish -> publishesByPort.computeIfAbsent(publish.port(), port -> new ArrayList<>()).add(publish));
        List<String> refs = new ArrayList<>(publishesByPort.keySet());
        talliesByPort.keySet().stream().filter(ref -> !refs.contains(ref)).forEach(refs::add);
        refs.sort(String::compareTo);
        List<PortHistory> ports = new ArrayList<>();
        for (String ref : refs) {
            Optional<ServiceLevel> sla = ServiceLevel.freshnessOf(contracts.get(portName(ref)));
            ports.add(new PortHistory(ref, quality(talliesByPort.getOrDefault(ref, List.of())),
                    freshness(publishesByPort.getOrDefault(ref, List.of()), sla, now)));
        }
        return new HistoryView(ports);
    }

    /** {@code product/port/vMAJOR} → {@code port}. */
    static String portName(String ref) {
        String[] parts = ref.split("/");
        return parts.length >= 2 ? parts[1] : ref;
    }

    private static QualityView quality(List<CheckTally> newestFirst) {
        List<Long> times = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (CheckTally tally : reversed(newestFirst, CHART_POINTS)) {
            times.add(tally.finishedAt().getEpochSecond());
            rates.add(tally.decided() == 0 ? 100.0 : 100.0 * tally.passed() / tally.decided());
        }
        List<QualityRow> rows = newestFirst.stream().limit(TABLE_ROWS).map(tally -> new QualityRow(
                ProductView.TIME.format(tally.finishedAt()), tally.kind().value(), tally.passed(), tally.blocking(),
                tally.warned(), tally.skipped(),
                tally.decided() == 0 ? "—" : Format.percent((double) tally.passed() / tally.decided()),
                tally.blocking() == 0)).toList();
        return new QualityView(new Chart("checks passed", "%", times, rates, 100.0, "contract: every check passes"),
                rows);
    }

    private static FreshnessView freshness(List<Publish> newestFirst, Optional<ServiceLevel> sla, Instant now) {
        Double limit = sla.map(ServiceLevel::limitHours).orElse(null);
        List<FreshnessRow> rows = new ArrayList<>();
        for (int i = 0; i < newestFirst.size() && i < TABLE_ROWS; i++) {
            Publish publish = newestFirst.get(i);
            Double replacedAge = i + 1 < newestFirst.size()
                    ? hours(newestFirst.get(i + 1).publishedAt(), publish.publishedAt()) : null;
            rows.add(new FreshnessRow(ProductView.TIME.format(publish.publishedAt()), publish.snapshot(), publish.rows(),
                    replacedAge == null ? "" : Format.hours(replacedAge),
                    replacedAge == null || limit == null ? null : replacedAge <= limit));
        }
        // the age of the published data just before each publish replaced it, then its age now
        List<Long> times = new ArrayList<>();
        List<Double> ages = new ArrayList<>();
        List<Publish> oldestFirst = reversed(newestFirst, CHART_POINTS + 1);
        for (int i = 1; i < oldestFirst.size(); i++) {
            times.add(oldestFirst.get(i).publishedAt().getEpochSecond());
            ages.add(hours(oldestFirst.get(i - 1).publishedAt(), oldestFirst.get(i).publishedAt()));
        }
        String age = null;
        Boolean ageWithinSla = null;
        if (!newestFirst.isEmpty()) {
            double current = hours(newestFirst.getFirst().publishedAt(), now);
            times.add(now.getEpochSecond());
            ages.add(current);
            age = Format.hours(current);
            ageWithinSla = limit == null ? null : current <= limit;
        }
        Chart chart = new Chart("age of the published data", "h", times, ages, limit,
                sla.map(level -> "SLA: " + level.describe()).orElse(null));
        return new FreshnessView(chart, sla.map(ServiceLevel::describe).orElse(null), age, ageWithinSla, rows);
    }

    private static double hours(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis()) / 3_600_000.0;
    }

    /** The first {@code limit} of a newest-first list, oldest first. */
    private static <T> List<T> reversed(List<T> newestFirst, int limit) {
        return new ArrayList<>(newestFirst.subList(0, Math.min(limit, newestFirst.size()))).reversed();
    }
}
