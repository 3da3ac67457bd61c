package dev.voicemail.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.voicemail.experiments.ExperimentReport;

/**
 * The geometry of the server-rendered SVG chart of each arm's rate on one metric with its 95% interval:
 * one row per arm, a dot at the rate and a line across the interval, on an axis from 0 to a round
 * value above the highest interval. The template draws it; the numbers are in the page's table too.
 */
public record ExperimentChart(String metric, int width, int height, double plotLeft, double plotRight,
                              List<Tick> ticks, List<Row> rows, String label) {

    /** A gridline of the axis at {@code x}, labelled as a percentage. */
    public record Tick(double x, String text) {
    }

    /** One arm: its row's middle {@code y}, the rate at {@code x}, the interval from {@code low} to {@code high}. */
    public record Row(String arm, double y, double x, double low, double high, String text) {

        public double textY() {
            return y + 5;
        }

        public double capTop() {
            return y - 7;
        }

        public double capBottom() {
            return y + 7;
        }
    }

    static final int WIDTH = 640;
    static final int ROW = 44;
    static final int TOP = 12;
    static final int AXIS = 34;
    static final double LEFT = 150;
    static final double RIGHT = WIDTH - 70;
    private static final double[] STEPS = {0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.25};

    static ExperimentChart of(ExperimentReport report, String metric) {
        double highest = 0;
        for (ExperimentReport.ArmReport arm : report.arms()) {
            ExperimentReport.MetricResult m = arm.metrics().get(metric);
            if (m != null) {
                highest = Math.max(highest, m.interval().high());
            }
        }
        double step = STEPS[STEPS.length - 1];
        int count = 4;
        for (double s : STEPS) { // the finest step that reaches the highest interval in at most 5 gridlines
            int n = Math.max(1, (int) Math.ceil(highest / s - 1e-9));
            if (n <= 5) {
                step = s;
                count = n;
                break;
            }
        }
        double max = Math.min(1.0, step * count);
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= count; i++) {
            double v = Math.min(max, step * i);
            ticks.add(new Tick(x(v, max), percent(v)));
        }
        List<Row> rows = new ArrayList<>();
        List<String> said = new ArrayList<>();
        int i = 0;
        for (ExperimentReport.ArmReport arm : report.arms()) {
            ExperimentReport.MetricResult m = arm.metrics().get(metric);
            if (m == null) {
                continue;
            }
            String text = percent(m.rate()) + " (" + percent(m.interval().low()) + " to " + percent(m.interval().high()) + ")";
            rows.add(new Row(arm.name(), TOP + ROW * i + ROW / 2.0, x(m.rate(), max), x(m.interval().low(), max),
                    x(m.interval().high(), max), percent(m.rate())));
            said.add(arm.name() + " " + text);
            i++;
        }
        String label = metric + " rate per arm with its 95% interval: " + String.join("; ", said);
        return new ExperimentChart(metric, WIDTH, TOP + ROW * rows.size() + AXIS, LEFT, RIGHT, ticks, rows, label);
    }

    private static double x(double value, double max) {
        double v = Math.max(0, Math.min(max, value));
        return Math.round((LEFT + (RIGHT - LEFT) * v / max) * 10) / 10.0;
    }

    /** A share as a percentage with one decimal (0.0556 → 5.6%). */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** The y of the axis line, below the last row. */
    public double axisY() {
        return height - AXIS + 4;
    }

    public double armLabelX() {
        return plotLeft - 10;
    }

    public double valueX() {
        return plotRight + 8;
    }

    public double tickLabelY() {
        return height - AXIS + 22;
    }
}
