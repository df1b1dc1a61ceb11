package org.govdx.benchmarks;

/**
 * One figure of a benchmark, as written to {@code benchmarks/results/NAME.json}: the measured value, the
 * baseline measured in the same run, and their ratio oriented so that higher is better.
 */
public record Result(String metric, double value, String unit, String baseline, double baseline_value, double ratio,
                     String date, String machine) {

    /** For "lower is better" figures (times, memory): ratio = baseline / value. */
    public static Result lowerIsBetter(String metric, double value, String unit, String baseline, double baselineValue) {
        return new Result(metric, round(value), unit, baseline, round(baselineValue), round(baselineValue / value), Results.today(), Results.machine());
    }

    /** For "higher is better" figures (throughput): ratio = value / baseline. */
    public static Result higherIsBetter(String metric, double value, String unit, String baseline, double baselineValue) {
        return new Result(metric, round(value), unit, baseline, round(baselineValue), round(value / baselineValue), Results.today(), Results.machine());
    }

    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
