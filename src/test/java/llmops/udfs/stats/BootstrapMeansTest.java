package llmops.udfs.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import llmops.udfs.text.BleuStatistics;
import llmops.udfs.text.SacreBleu;
import org.junit.jupiter.api.Test;

class BootstrapMeansTest {
  private static final int REPLICATES = 1000;

  /** The same records split over any partitions and merged in any order give the very same replicates. */
  @Test
  void partitioningDoesNotChangeTheReplicates() {
    Random random = new Random(1);
    double[] scores = random.doubles(300).toArray();
    BootstrapMeans whole = new BootstrapMeans(1, 0, REPLICATES, 42);
    BootstrapMeans[] parts = {new BootstrapMeans(1, 0, REPLICATES, 42), new BootstrapMeans(1, 0, REPLICATES, 42),
        new BootstrapMeans(1, 0, REPLICATES, 42)};
    for (int i = 0; i < scores.length; i++) {
      whole.add("r" + i, new double[] {scores[i]}, null);
    }
    for (int i = scores.length - 1; i >= 0; i--) {
      parts[(i * 7) % 3].add("r" + i, new double[] {scores[i]}, null);
    }
    BootstrapMeans merged = parts[2].merge(parts[0]).merge(parts[1]);
    assertArrayEquals(whole.replicateMeans(0), merged.replicateMeans(0), 1e-12);
  }

  /** 0/1 scores, 400 records, 120 ones: the interval is about 0.3 +- 1.96 sqrt(0.3 * 0.7 / 400) = 0.3 +- 0.045. */
  @Test
  void theIntervalOfAProportionIsAboutTheNormalOne() {
    BootstrapMeans bootstrap = new BootstrapMeans(1, 0, REPLICATES, 42);
    for (int i = 0; i < 400; i++) {
      bootstrap.add("r" + i, new double[] {i % 10 < 3 ? 1 : 0}, null);
    }
    PercentileInterval interval = bootstrap.interval(0, 0.95);
    // With 1,000 replicates the percentiles' own noise is about 0.003; 0.01 allows three of it.
    assertEquals(0.3 - 0.0449, interval.low(), 0.01);
    assertEquals(0.3 + 0.0449, interval.high(), 0.01);
  }

  /** A record without a score (NaN) is in no replicate of that mean, as SQL's avg skips nulls; the other mean keeps it. */
  @Test
  void absentScoresAreLeftOutOfTheirMeanOnly() {
    BootstrapMeans bootstrap = new BootstrapMeans(2, 0, 200, 3);
    bootstrap.add("a", new double[] {1, 5}, null);
    bootstrap.add("b", new double[] {Double.NaN, 5}, null);
    bootstrap.add("c", new double[] {1, Double.NaN}, null);
    for (double mean : bootstrap.replicateMeans(0)) {
      assertTrue(Double.isNaN(mean) || mean == 1, "only records with score 1 are in mean 0: " + mean);
    }
    for (double mean : bootstrap.replicateMeans(1)) {
      assertTrue(Double.isNaN(mean) || mean == 5);
    }
  }

  /**
   * Corpus BLEU's replicates come from resampled sentence statistics: a corpus of identical segments
   * has the same BLEU in every replicate that drew any, so its interval is that one value.
   */
  @Test
  void corpusBleuIsResampledFromSentenceStatistics() {
    long[] segment = SacreBleu.statistics("the cat sat on the mat today", java.util.List.of("the cat sat on the mat")).toArray();
    double bleu = SacreBleu.corpusBleu(BleuStatistics.fromArray(segment));
    BootstrapMeans bootstrap = new BootstrapMeans(0, BleuStatistics.SIZE, 300, 9);
    for (int i = 0; i < 50; i++) {
      bootstrap.add("s" + i, new double[0], segment);
    }
    PercentileInterval interval = bootstrap.statisticInterval(s -> SacreBleu.corpusBleu(BleuStatistics.fromArray(s)), 0.95);
    assertEquals(bleu, interval.low(), 1e-9);
    assertEquals(bleu, interval.high(), 1e-9);
  }

  /** Half the segments match their reference, half share nothing with it: corpus BLEU's interval spans its value and is wide. */
  @Test
  void corpusBleuOfAMixedCorpusHasAWideInterval() {
    long[] good = SacreBleu.statistics("the cat sat on the mat", java.util.List.of("the cat sat on the mat")).toArray();
    long[] bad = SacreBleu.statistics("a dog ran in a park", java.util.List.of("the cat sat on the mat")).toArray();
    BootstrapMeans bootstrap = new BootstrapMeans(0, BleuStatistics.SIZE, REPLICATES, 9);
    BleuStatistics summed = BleuStatistics.ZERO;
    for (int i = 0; i < 40; i++) {
      long[] segment = i % 2 == 0 ? good : bad;
      bootstrap.add("s" + i, new double[0], segment);
      summed = summed.plus(BleuStatistics.fromArray(segment));
    }
    double bleu = SacreBleu.corpusBleu(summed);
    PercentileInterval interval = bootstrap.statisticInterval(s -> SacreBleu.corpusBleu(BleuStatistics.fromArray(s)), 0.95);
    assertTrue(interval.low() < bleu && bleu < interval.high(), interval + " around " + bleu);
    assertTrue(interval.high() - interval.low() > 10, "on the 0-100 scale: " + interval);
  }

  @Test
  void statesOfDifferentSeedsDoNotMerge() {
    assertThrows(IllegalArgumentException.class, () -> new BootstrapMeans(1, 0, 10, 1).merge(new BootstrapMeans(1, 0, 10, 2)));
  }
}
