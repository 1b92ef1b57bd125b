package llmops.udfs.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * The proof that the intervals mean what they say: of 1,000 simulated datasets drawn from a
 * distribution with a known mean, a 95 % interval must cover that mean in 93-97 % of them (the
 * binomial noise of 1,000 trials at 95 % is 0.7 %, so the band is about three of it either way).
 * Pure udfs code, the same state the job's aggregation merges; a few seconds.
 */
class BootstrapCoverageTest {
  private static final int DATASETS = 1000;
  private static final int RECORDS = 200;
  private static final int REPLICATES = 1000;

  /** Scores like F1's: 40 % of answers score 0, the rest anywhere in 0..1. True mean 0.6 x 0.5 = 0.3. */
  @Test
  void ninetyFivePercentIntervalsCoverTheMeanOfF1LikeScores() {
    Random random = new Random(2201);
    double coverage = coverage(() -> random.nextDouble() < 0.4 ? 0 : random.nextDouble(), 0.3);
    assertTrue(coverage >= 0.93 && coverage <= 0.97, "coverage " + coverage);
  }

  /** 0/1 scores (exact match) with a 20 % success rate. */
  @Test
  void ninetyFivePercentIntervalsCoverAProportion() {
    Random random = new Random(2202);
    double coverage = coverage(() -> random.nextDouble() < 0.2 ? 1 : 0, 0.2);
    assertTrue(coverage >= 0.93 && coverage <= 0.97, "coverage " + coverage);
  }

  private static double coverage(DoubleSupplier score, double trueMean) {
    int covered = 0;
    for (int dataset = 0; dataset < DATASETS; dataset++) {
      BootstrapMeans bootstrap = new BootstrapMeans(1, 0, REPLICATES, dataset);
      for (int i = 0; i < RECORDS; i++) {
        bootstrap.add("r" + i, new double[] {score.getAsDouble()}, null);
      }
      covered += bootstrap.interval(0, 0.95).contains(trueMean) ? 1 : 0;
    }
    double rate = (double) covered / DATASETS;
    System.out.printf("coverage of 95 %% intervals over %d datasets of %d records: %.3f%n", DATASETS, RECORDS, rate);
    return rate;
  }
}
