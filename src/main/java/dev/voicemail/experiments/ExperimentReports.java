package dev.voicemail.experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.voicemail.db.Database;

/**
 * Builds an experiment's report from the decision log and the outcomes attributed to its decisions.
 * A prospect's observation window starts at its first decision's call in the arm: an outcome counts
 * when it is attributed to one of the arm's decisions of that prospect and happens within
 * {@code windowDays} of that start. The cost is one pass over the experiment's prospects (a row each)
 * and over their outcomes.
 */
@ApplicationScoped
public class ExperimentReports {

    /** The confidence of every reported interval. */
    static final double CONFIDENCE = 0.95;
    /** The power a suggested new plan aims for. */
    static final double POWER = 0.8;
    /** When the decision was made for, as the CRM said (call.at); rows logged before the column existed use the log time. */
    static final String CALL_TIME = "COALESCE(call_at, decided_at)";

    private final Database db;

    public ExperimentReports(Database db) {
        this.db = db;
    }

    /** One prospect of an arm: when it entered (its first decision) and what the arm did with it. */
    private static final class Prospect {
        final String id;
        final Instant entered;
        final Instant firstCall;
        final long decisions;
        final long voicemails;
        final Set<Metric> successes = EnumSet.noneOf(Metric.class);

        Prospect(String id, Instant entered, Instant firstCall, long decisions, long voicemails) {
            this.id = id;
            this.entered = entered;
            this.firstCall = firstCall;
            this.decisions = decisions;
            this.voicemails = voicemails;
        }
    }

    ExperimentReport of(Experiment e) {
        Map<String, List<Prospect>> byArm = read(e);
        double z = Proportions.z(CONFIDENCE);
        List<ExperimentReport.ArmReport> arms = new ArrayList<>();
        List<Prospect> first = byArm.get(e.arms().get(0).name());
        for (Arm arm : e.arms()) {
            List<Prospect> ps = byArm.get(arm.name());
            Map<String, ExperimentReport.MetricResult> metrics = new LinkedHashMap<>();
            for (Metric m : Metric.values()) {
                long x = successes(ps, m);
                Proportions.Interval rate = Proportions.wilson(x, ps.size(), z);
                ExperimentReport.Difference diff = null;
                if (ps != first) {
                    Proportions.Interval d = Proportions.newcombe(x, ps.size(), successes(first, m), first.size(), z);
                    diff = new ExperimentReport.Difference(round(d.estimate()), round(d.low()), round(d.high()));
                }
                metrics.put(m.json(), new ExperimentReport.MetricResult(x, round(rate.estimate()),
                        new ExperimentReport.Range(round(rate.low()), round(rate.high())), diff));
            }
            arms.add(new ExperimentReport.ArmReport(arm.name(), arm.policy(), arm.weight(), ps.size(),
                    ps.stream().mapToLong(p -> p.decisions).sum(), ps.stream().mapToLong(p -> p.voicemails).sum(), metrics));
        }
        return new ExperimentReport(e.id(), e.clientId(), e.status(), e.primaryMetric(), e.windowDays(), e.plannedProspectsPerArm(),
                e.startedAt(), e.stoppedAt(), arms, Verdicts.verdict(e, byArm.entrySet().stream()
                        .collect(LinkedHashMap::new, (map, en) -> map.put(en.getKey(), planned(en.getValue(), e)), Map::putAll),
                        Instant.now()));
    }

    /** The planned sample of an arm: its first plannedProspectsPerArm prospects, in the order they entered. */
    private static Verdicts.ArmSample planned(List<Prospect> ps, Experiment e) {
        List<Prospect> sorted = new ArrayList<>(ps);
        sorted.sort(Comparator.comparing((Prospect p) -> p.entered).thenComparing(p -> p.id));
        List<Prospect> sample = sorted.subList(0, Math.min(sorted.size(), e.plannedProspectsPerArm()));
        Instant lastStart = sample.stream().map(p -> p.firstCall).max(Comparator.naturalOrder()).orElse(null);
        return new Verdicts.ArmSample(ps.size(), sample.size(), successes(sample, e.primaryMetric()),
                successes(ps, e.primaryMetric()), lastStart == null ? null : lastStart.plus(Duration.ofDays(e.windowDays())));
    }

    private static long successes(List<Prospect> ps, Metric m) {
        return ps.stream().filter(p -> p.successes.contains(m)).count();
    }

    private static double round(double x) {
        return Math.round(x * 1e6) / 1e6;
    }

    /** Every arm's prospects, with the metrics each reached within its window. */
    private Map<String, List<Prospect>> read(Experiment e) {
        Map<String, List<Prospect>> byArm = new LinkedHashMap<>();
        Map<String, Map<String, Prospect>> index = new HashMap<>();
        for (Arm a : e.arms()) {
            byArm.put(a.name(), new ArrayList<>());
            index.put(a.name(), new HashMap<>());
        }
        try (Connection c = db.lazyConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT arm, prospect_id, MIN(decided_at), MIN(" + CALL_TIME + "), COUNT(*),"
                    + " SUM(CASE WHEN action = 'LEAVE_VOICEMAIL' THEN 1 ELSE 0 END) FROM decision_log"
                    + " WHERE agency = ? AND client_id = ? AND experiment_id = ? GROUP BY arm, prospect_id")) {
                s.setString(1, e.agency());
                s.setString(2, e.clientId());
                s.setString(3, e.id());
                s.setFetchSize(1000);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        List<Prospect> arm = byArm.get(rs.getString(1));
                        if (arm == null) {
                            continue; // not reached: an experiment's arms never change once it has decided
                        }
                        Prospect p = new Prospect(rs.getString(2), instant(rs, 3), instant(rs, 4), rs.getLong(5), rs.getLong(6));
                        arm.add(p);
                        index.get(rs.getString(1)).put(p.id, p);
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT d.arm, d.prospect_id, o.kind, o.occurred_at"
                    + " FROM outcome o JOIN decision_log d ON d.id = o.decision_id AND d.decided_at = o.decided_at"
                    + " WHERE o.agency = ? AND o.client_id = ? AND d.agency = ? AND d.client_id = ? AND d.experiment_id = ?")) {
                s.setString(1, e.agency());
                s.setString(2, e.clientId());
                s.setString(3, e.agency());
                s.setString(4, e.clientId());
                s.setString(5, e.id());
                s.setFetchSize(1000);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Prospect> arm = index.get(rs.getString(1));
                        Prospect p = arm == null ? null : arm.get(rs.getString(2));
                        Metric m = Metric.parse(rs.getString(3));
                        Instant at = instant(rs, 4);
                        if (p != null && m != null && !at.isAfter(p.firstCall.plus(Duration.ofDays(e.windowDays())))) {
                            p.successes.add(m);
                        }
                    }
                }
            }
        } catch (SQLException ex) {
            throw db.failure("cannot read the report of experiment " + e.id(), ex);
        }
        return byArm;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }
}
