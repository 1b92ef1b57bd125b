package llmops.drift;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import llmops.udfs.drift.SelfComparison;
import llmops.udfs.drift.Statistic;
import llmops.udfs.stats.EmpiricalNull;

/**
 * What every comparison with one BASELINE in one job needs of it, read and computed once: under
 * --window and --segment_field a job compares many SNAPSHOTs (each window, each segment, the whole)
 * with the same BASELINE under the same settings, and each of them would otherwise read the
 * BASELINE's data again for its seeded comparison sample, and resample that same sample into the
 * same null. The sample depends only on the BASELINE's data, the sample size and the seed; the
 * null's splits only on that sample, the pseudo-snapshots' size and the refits' k; so what is held
 * is exactly what each comparison would have computed for itself.
 */
final class HeldBaseline {
  private double[] sample;
  private SelfComparison self;
  private final Map<List<Integer>, Map<Statistic, EmpiricalNull>> nulls = new HashMap<>();

  /** The BASELINE's comparison sample, row-major: drawn by {@code draw} the first time, held after. */
  double[] sample(Callable<double[]> draw) throws Exception {
    if (sample == null) {
      sample = draw.call();
    }
    return sample;
  }

  /** The sample's split-independent working (nearest centres, projections, hashes): built the first time, held after. */
  SelfComparison self(Supplier<SelfComparison> build) {
    if (self == null) {
      self = build.get();
    }
    return self;
  }

  /** The null for pseudo-snapshots of {@code resampleSize} vectors refitted with {@code k} centres: computed once per size and k. */
  Map<Statistic, EmpiricalNull> nulls(int resampleSize, int k, Supplier<Map<Statistic, EmpiricalNull>> compute) {
    return Collections.unmodifiableMap(nulls.computeIfAbsent(List.of(resampleSize, k), key -> compute.get()));
  }
}
