package org.govdx.rules.extract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Names the agreement a leaked EXTRACT copy most likely came from (decision 0041). The leak is a table of text
 * cells whose columns are consistent within the file but in any order, under any or no header, and any subset of
 * the rows. Two kinds of evidence are weighed per candidate agreement:
 * <ul>
 *   <li><b>pseudonyms</b>: cells of the form {@code p_} + 24 base32 characters that are pseudonyms under the
 *       candidate's own key of values in the provider's data ({@code ownPseudonym}); a pseudonym under another key
 *       matches with probability about 2<sup>-120</sup>, so one match is conclusive;</li>
 *   <li><b>the watermark</b>: per column, how many decimal cells agree with the candidate's {@link Watermark};
 *       a marked column agrees in every cell, anything else in about half. The evidence is the binomial tail
 *       P(X &ge; agreeing | n, 1/2), Bonferroni-corrected for the number of columns.</li>
 * </ul>
 * The false-attribution probability of a candidate is the smaller of the two, corrected for both techniques and
 * the number of candidates; a candidate is named when it is at most {@link #ATTRIBUTION_THRESHOLD}.
 */
public final class LeakTrace {

    /** A candidate is named when the chance that a copy not made under its key looks like this is at most this. */
    public static final double ATTRIBUTION_THRESHOLD = 1e-6;
    /** Cells of one column weighed for the watermark (enough evidence; bounds the work). */
    public static final int MAX_CELLS_PER_COLUMN = 5000;

    private static final Pattern PSEUDONYM = Pattern.compile("p_[a-z2-7]{24}");
    private static final double[] LOG_FACTORIAL = logFactorials(MAX_CELLS_PER_COLUMN);

    private LeakTrace() {
    }

    /** An agreement the leak may have come from: its watermark and a test for its own pseudonyms of the provider's values. */
    public record Candidate(String id, Watermark watermark, Predicate<String> ownPseudonym) {
        public Candidate {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(watermark, "watermark");
            Objects.requireNonNull(ownPseudonym, "ownPseudonym");
        }
    }

    /** The evidence for one candidate. */
    public record Score(String candidateId, int pseudonymCells, int pseudonymMatches, int markedColumn, int markedCells, int markedAgreeing,
                        double score, double falseAttributionProbability, boolean attributed) {
    }

    /** True when {@code cell} has the shape of a pseudonym. */
    public static boolean looksLikePseudonym(String cell) {
        return cell != null && PSEUDONYM.matcher(cell.strip()).matches();
    }

    /** Scores every candidate against {@code rows} (cells by column); best first. */
    public static List<Score> score(List<List<String>> rows, List<Candidate> candidates) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        List<Score> scores = new ArrayList<>();
        for (Candidate c : candidates) {
            int pseudonymCells = 0;
            int pseudonymMatches = 0;
            int[] cells = new int[columns];
            int[] agreeing = new int[columns];
            for (List<String> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    String cell = row.get(i);
                    if (cell == null || cell.isBlank()) {
                        continue;
                    }
                    if (looksLikePseudonym(cell)) {
                        pseudonymCells++;
                        if (c.ownPseudonym().test(cell.strip())) {
                            pseudonymMatches++;
                        }
                        continue;
                    }
                    if (cells[i] < MAX_CELLS_PER_COLUMN) {
                        var agrees = c.watermark().agrees(cell);
                        if (agrees.isPresent()) {
                            cells[i]++;
                            if (agrees.get()) {
                                agreeing[i]++;
                            }
                        }
                    }
                }
            }
            int decimalColumns = 0;
            int best = -1;
            double bestTail = 1.0;
            for (int i = 0; i < columns; i++) {
                if (cells[i] == 0) {
                    continue;
                }
                decimalColumns++;
                double tail = binomialTailHalf(cells[i], agreeing[i]);
                if (best < 0 || tail < bestTail) {
                    best = i;
                    bestTail = tail;
                }
            }
            double markP = best < 0 ? 1.0 : Math.min(1.0, bestTail * decimalColumns);
            double pseudonymP = pseudonymMatches > 0 ? Math.min(1.0, pseudonymCells * Math.pow(2, -100)) : 1.0;
            double p = Math.min(1.0, Math.min(markP, pseudonymP) * 2 * candidates.size());
            int markedCells = best < 0 ? 0 : cells[best];
            int markedAgreeing = best < 0 ? 0 : agreeing[best];
            int evidence = pseudonymCells + markedCells;
            double score = evidence == 0 ? 0.0 : (pseudonymMatches + markedAgreeing) / (double) evidence;
            scores.add(new Score(c.id(), pseudonymCells, pseudonymMatches, best, markedCells, markedAgreeing, score, p, p <= ATTRIBUTION_THRESHOLD));
        }
        scores.sort(Comparator.comparingDouble(Score::falseAttributionProbability).thenComparing(Comparator.comparingDouble(Score::score).reversed()));
        return scores;
    }

    /** P(X &ge; k) for X ~ Binomial(n, 1/2), n &le; {@value #MAX_CELLS_PER_COLUMN}. */
    static double binomialTailHalf(int n, int k) {
        if (k <= 0) {
            return 1.0;
        }
        double sum = 0.0;
        double logHalfPowN = n * Math.log(0.5);
        for (int i = k; i <= n; i++) {
            sum += Math.exp(LOG_FACTORIAL[n] - LOG_FACTORIAL[i] - LOG_FACTORIAL[n - i] + logHalfPowN);
        }
        return Math.min(1.0, sum);
    }

    private static double[] logFactorials(int n) {
        double[] f = new double[n + 1];
        for (int i = 1; i <= n; i++) {
            f[i] = f[i - 1] + Math.log(i);
        }
        return f;
    }
}
