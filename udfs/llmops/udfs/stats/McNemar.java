package llmops.udfs.stats;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * McNemar's exact test of two models' 0/1 scores on the same records: only the discordant records
 * count ({@code onlyA}: A right and B wrong; {@code onlyB}: the reverse); if the models are equally
 * good each discordant record goes either way with probability 1/2, so the two-sided p-value is
 * twice the binomial tail of the smaller count, capped at 1 (statsmodels' {@code mcnemar(table,
 * exact=True)}, scipy's {@code binomtest(min, n, 0.5)}). No discordant record: p = 1.
 */
public final class McNemar {
  private McNemar() {}

  public static double exactPValue(long onlyA, long onlyB) {
    if (onlyA < 0 || onlyB < 0) {
      throw new IllegalArgumentException("counts cannot be negative: " + onlyA + ", " + onlyB);
    }
    long discordant = onlyA + onlyB;
    if (discordant == 0) {
      return 1.0;
    }
    if (discordant > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("more than " + Integer.MAX_VALUE + " discordant records");
    }
    double tail = new BinomialDistribution(null, (int) discordant, 0.5).cumulativeProbability((int) Math.min(onlyA, onlyB));
    return Math.min(1.0, 2 * tail);
  }
}
