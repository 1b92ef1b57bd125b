package llmops.udfs.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The proof that "significant" is not noise: two (or three) equally good models, compared on 1,000
 * simulated datasets, are called different at alpha = 0.05 in about 5 % of them and no more. With
 * 1,000 trials the rate's noise is 0.7 %, so a test whose real rate is 5 % lands in 3-7 %. Each
 * dataset's records have a difficulty that both models share (so their scores are paired and
 * correlated, as on a real benchmark); the models' own noise is independent.
 */
class PairedFalsePositiveRateTest {
  private static final int DATASETS = 1000;
  private static final int RECORDS = 100;
  private static final int REPLICATES = 1000;
  private static final double ALPHA = 0.05;

  /** Continuous scores: the sampled sign-flip permutation test, and the paired bootstrap interval's exclusion of 0. */
  @Test
  void equalModelsWithContinuousScoresAreRarelyCalledDifferent() {
    Random random = new Random(31);
    int permutationRejections = 0;
    int intervalRejections = 0;
    for (int dataset = 0; dataset < DATASETS; dataset++) {
      PairedComparison comparison = new PairedComparison(REPLICATES, dataset);
      for (int i = 0; i < RECORDS; i++) {
        double difficulty = random.nextDouble();
        comparison.add("r" + i, clamp(difficulty + 0.15 * random.nextGaussian()), clamp(difficulty + 0.15 * random.nextGaussian()));
      }
      PairedComparison.Result result = comparison.result(1 - ALPHA);
      permutationRejections += result.pValue() < ALPHA ? 1 : 0;
      intervalRejections += result.interval().contains(0) ? 0 : 1;
    }
    double permutationRate = (double) permutationRejections / DATASETS;
    double intervalRate = (double) intervalRejections / DATASETS;
    System.out.printf("equal models, continuous scores: permutation test rejects %.3f, bootstrap interval excludes 0 in %.3f%n",
        permutationRate, intervalRate);
    assertTrue(permutationRate >= 0.03 && permutationRate <= 0.07, "permutation test's false-positive rate " + permutationRate);
    assertTrue(intervalRate >= 0.03 && intervalRate <= 0.08, "bootstrap interval's false-positive rate " + intervalRate);
  }

  /** 0/1 scores: McNemar's exact test is conservative (discrete), so its rate is at most alpha, not exactly it. */
  @Test
  void equalModelsWithZeroOneScoresAreRarelyCalledDifferent() {
    Random random = new Random(32);
    int rejections = 0;
    for (int dataset = 0; dataset < DATASETS; dataset++) {
      PairedComparison comparison = new PairedComparison(REPLICATES, dataset);
      for (int i = 0; i < RECORDS; i++) {
        double chance = random.nextDouble();
        comparison.add("r" + i, random.nextDouble() < chance ? 1 : 0, random.nextDouble() < chance ? 1 : 0);
      }
      PairedComparison.Result result = comparison.result(1 - ALPHA);
      rejections += result.pValue() < ALPHA ? 1 : 0;
    }
    double rate = (double) rejections / DATASETS;
    System.out.printf("equal models, 0/1 scores: McNemar's exact test rejects %.3f%n", rate);
    assertTrue(rate >= 0.01 && rate <= 0.07, "McNemar's false-positive rate " + rate);
  }

  /** Three equal models, three pairs: with Holm's correction the chance that any pair is called different stays at most alpha. */
  @Test
  void holmKeepsTheFamilyWiseRateAcrossModelPairs() {
    Random random = new Random(33);
    int familiesWithAFalsePositive = 0;
    int uncorrected = 0;
    for (int dataset = 0; dataset < DATASETS; dataset++) {
      PairedComparison[] pairs = {new PairedComparison(REPLICATES, dataset), new PairedComparison(REPLICATES, dataset),
          new PairedComparison(REPLICATES, dataset)};
      for (int i = 0; i < RECORDS; i++) {
        double difficulty = random.nextDouble();
        double[] scores = new double[3];
        for (int m = 0; m < 3; m++) {
          scores[m] = clamp(difficulty + 0.15 * random.nextGaussian());
        }
        pairs[0].add("r" + i, scores[0], scores[1]);
        pairs[1].add("r" + i, scores[0], scores[2]);
        pairs[2].add("r" + i, scores[1], scores[2]);
      }
      double[] p = new double[3];
      for (int k = 0; k < 3; k++) {
        p[k] = pairs[k].result(1 - ALPHA).pValue();
      }
      uncorrected += java.util.Arrays.stream(p).anyMatch(v -> v < ALPHA) ? 1 : 0;
      familiesWithAFalsePositive += java.util.Arrays.stream(Holm.adjust(p)).anyMatch(v -> v < ALPHA) ? 1 : 0;
    }
    double rate = (double) familiesWithAFalsePositive / DATASETS;
    System.out.printf("three equal models: some pair called different in %.3f of datasets with Holm, %.3f without%n", rate,
        (double) uncorrected / DATASETS);
    assertTrue(rate <= 0.07, "family-wise false-positive rate with Holm " + rate);
    assertTrue(uncorrected > familiesWithAFalsePositive, "without the correction the family-wise rate is higher");
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
