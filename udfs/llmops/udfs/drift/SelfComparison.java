package llmops.udfs.drift;

import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import llmops.udfs.clustering.Centroids;
import llmops.udfs.clustering.ClusterStats;
import llmops.udfs.clustering.KMeansPlusPlus;
import llmops.udfs.clustering.Lloyd;
import llmops.udfs.linalg.PrincipalAxes;
import llmops.udfs.stats.EmpiricalNull;
import llmops.udfs.stats.PercentileInterval;
import llmops.udfs.vectors.SeededSample;
import llmops.udfs.vectors.VectorBlock;

/**
 * The comparison's statistics measured between two parts of one in-memory sample under a
 * BASELINE's stored model, and from that their no-drift distribution for this baseline: the
 * baseline's own sample split again and again, by seeded content keys, into a pseudo-snapshot (as
 * many vectors as the snapshot has, up to a bound) and the rest, each split measured as if it were
 * a SNAPSHOT. What does not depend on the split (each row's nearest baseline centre and distance to
 * it, its projection onto the baseline sample's principal axes, its content hash) is computed once,
 * so a resample costs a pass over indices; only the statistics of the snapshot's own clusters (new
 * regions, centroid shifts) refit K-Means, on fewer resamples.
 */
public final class SelfComparison {
  /** The statistics whose null the resamples give; the classifier's AUC gets its null from label permutations instead. */
  public static final List<Statistic> RESAMPLED = List.of(Statistic.PSI, Statistic.JS_DISTANCE, Statistic.OUTSIDE_SHARE_EXCESS,
      Statistic.DRIFTED_COMPONENT_SHARE, Statistic.MEAN_COSINE_DISTANCE, Statistic.MMD);
  /** The statistics that need the pseudo-snapshot's own K-Means fit. */
  public static final List<Statistic> REFITTED = List.of(Statistic.NEW_REGION_SHARE, Statistic.MAX_RELATIVE_CENTROID_SHIFT);

  /**
   * What a BASELINE run stored that a SNAPSHOT is measured against.
   *
   * @param outsideQuantile a point lies outside a cluster when it is farther from the centre than this quantile of the
   *     reference's own distances in that cluster (0.99 for the verdict's p99)
   * @param componentsTested the leading principal components the KS tests look at
   */
  public record Model(Centroids centroids, double outsideQuantile, int componentsTested, double componentAlpha) {
    public Model {
      if (!(outsideQuantile > 0 && outsideQuantile < 1)) {
        throw new IllegalArgumentException("the outside quantile is a probability in (0, 1), got " + outsideQuantile);
      }
    }
  }

  /**
   * The snapshot's K-Means, as a refit repeats it.
   *
   * @param relativeTolerance Lloyd stops when the centres' summed squared shift is below this times the mean variance per dimension
   */
  public record Refit(int k, int maxIterations, double relativeTolerance, long seed) {}

  /**
   * How the null is drawn.
   *
   * @param resamples splits of the baseline's sample for the statistics in {@link #RESAMPLED}
   * @param refitResamples of those, how many also refit K-Means for {@link #REFITTED} (0: none)
   * @param maxSize the pseudo-snapshot's size at most (and never more than half the sample)
   */
  public record Resampling(int resamples, int refitResamples, int maxSize, long seed) {
    public Resampling {
      if (resamples < 1 || refitResamples < 0 || refitResamples > resamples || maxSize < 2) {
        throw new IllegalArgumentException("need resamples >= 1, 0 <= refit_resamples <= resamples and a resample size >= 2, got "
            + resamples + ", " + refitResamples + ", " + maxSize);
      }
    }
  }

  private final Model model;
  private final double[] rows;
  private final int n;
  private final int dim;
  private final int[] nearest;
  private final double[] distances;
  private final long[] hashes;
  private final double[] projections; // component-major over all n rows
  private final double[] variances;
  private final KernelShift kernel;

  /**
   * @param rows {@code n x dim} row-major, float32 values held as doubles
   * @param axesRows the principal axes are the first {@code axesRows} rows': for a null, the baseline's whole sample, which is
   *     both sides of every split pooled, as the job's KS tests pool their two samples ({@link ComponentShift}); the MMD's
   *     kernel takes its bandwidth from them too, as the job's takes it from the baseline's sample
   */
  public SelfComparison(Model model, double[] rows, int n, int dim, int axesRows) {
    this.model = model;
    this.rows = rows;
    this.n = n;
    this.dim = dim;
    VectorBlock all = VectorBlock.ofRows(rows, n, dim);
    double[] squared = new double[n];
    nearest = model.centroids().assign(all, all.valuesAsDoubles(), squared);
    distances = Arrays.stream(squared).map(Math::sqrt).toArray();
    hashes = new long[n];
    for (int i = 0; i < n; i++) {
      hashes[i] = SeededSample.contentHash(rows, i, dim);
    }
    PrincipalAxes axes = PrincipalAxes.of(Arrays.copyOf(rows, axesRows * dim), axesRows, dim, model.componentsTested());
    projections = axes.project(rows, n);
    variances = axes.variances();
    kernel = KernelShift.ofMedianHeuristic(rows, axesRows, dim);
  }

  /**
   * The statistics of rows {@code snapshot} measured against rows {@code reference} under the
   * model's clusters, as a SNAPSHOT's comparison measures them against its BASELINE: the shares,
   * the mean and the outside limits (each cluster's quantile of distances) are the reference rows'
   * own, as the BASELINE's stored ones are its data's, so a snapshot's rows are fresh data to them
   * as a SNAPSHOT's are to its BASELINE (limits fitted on the rows they judge would put too few of
   * them outside, and a null of such splits would be too narrow for fresh data). In a null the
   * reference is the rest of the baseline's sample, smaller than the whole BASELINE, so the null
   * spreads at least as wide as a fresh snapshot's statistics would: it errs towards "ok".
   * With a refit, the snapshot's and the reference's own K-Means give the statistics of clusters.
   */
  public Map<Statistic, Double> measure(int[] reference, int[] snapshot, Refit refit) {
    return measure(reference, snapshot, refit, kernel.mmd(gather(reference), reference.length, gather(snapshot), snapshot.length, dim));
  }

  /** {@link #measure}, with the squared MMD between the two sides already known. */
  private Map<Statistic, Double> measure(int[] reference, int[] snapshot, Refit refit, double mmd) {
    Map<Statistic, Double> out = new EnumMap<>(Statistic.class);
    out.put(Statistic.MMD, mmd);
    double[] before = shares(reference);
    double[] after = shares(snapshot);
    out.put(Statistic.PSI, ProportionShift.psi(before, after));
    out.put(Statistic.JS_DISTANCE, ProportionShift.jensenShannonDistance(before, after));
    double[] limits = outsideLimits(reference);
    out.put(Statistic.OUTSIDE_SHARE_EXCESS, outsideShare(snapshot, limits) - outsideShare(reference, limits));
    out.put(Statistic.MEAN_COSINE_DISTANCE, MeanShift.between(mean(reference), mean(snapshot)).cosine());
    out.put(Statistic.DRIFTED_COMPONENT_SHARE, ComponentShift.ofProjections(projected(reference), reference.length,
        projected(snapshot), snapshot.length, variances, model.componentAlpha()).share());
    if (refit != null) {
      Fitted own = fit(snapshot, refit);
      Fitted theirs = fit(reference, refit);
      BaselineCoverage coverage = new BaselineCoverage(model.centroids(), limits, own.centroids());
      coverage.add(VectorBlock.ofRows(gather(snapshot), snapshot.length, dim));
      out.put(Statistic.NEW_REGION_SHARE, coverage.newRegionShare());
      out.put(Statistic.MAX_RELATIVE_CENTROID_SHIFT, CentroidMatch.of(theirs.centroids(), theirs.radii(), own.centroids()).maxRelativeShift());
    }
    return out;
  }

  /**
   * Each statistic's no-drift distribution: {@code resampling.resamples()} splits of rows
   * {@code baseline} into a pseudo-snapshot of {@code min(snapshotSize, maxSize, |baseline| / 2)}
   * rows (those with the smallest keys under seed + r, so copies of one vector stay on one side)
   * and the rest, each measured as a SNAPSHOT would be; the first {@code refitResamples} also refit
   * the snapshot's K-Means ({@code refit}, seeded per resample).
   */
  public Map<Statistic, EmpiricalNull> nulls(int[] baseline, long snapshotSize, Resampling resampling, Refit refit) {
    int size = resampleSize(baseline.length, snapshotSize, resampling);
    if (size < 2) {
      throw new IllegalArgumentException("a null needs a baseline sample of at least 4 vectors and a snapshot of 2, got "
          + baseline.length + " and " + snapshotSize);
    }
    // The kernel between every pair of the baseline's rows, once: a split's MMD is then a sum over its pseudo-snapshot's pairs.
    KernelShift.Gram gram = kernel.gram(gather(baseline), baseline.length, dim);
    int[] position = new int[n];
    for (int t = 0; t < baseline.length; t++) {
      position[baseline[t]] = t;
    }
    Map<Statistic, double[]> values = new EnumMap<>(Statistic.class);
    for (int r = 0; r < resampling.resamples(); r++) {
      long seed = resampling.seed() + r;
      long[] keys = new long[n];
      for (int i : baseline) {
        keys[i] = SeededSample.mix(hashes[i], seed);
      }
      int[] order = Arrays.stream(baseline).boxed()
          .sorted(Comparator.<Integer>comparingLong(i -> keys[i]).thenComparingInt(i -> i)).mapToInt(Integer::intValue).toArray();
      int[] pseudoSnapshot = Arrays.copyOfRange(order, 0, size);
      int[] rest = Arrays.copyOfRange(order, size, order.length);
      boolean refits = r < resampling.refitResamples();
      Map<Statistic, Double> measured = measure(rest, pseudoSnapshot,
          refits ? new Refit(refit.k(), refit.maxIterations(), refit.relativeTolerance(), refit.seed() + r) : null,
          gram.mmdAgainstRest(Arrays.stream(pseudoSnapshot).map(i -> position[i]).toArray()));
      int at = r;
      measured.forEach((statistic, value) -> values.computeIfAbsent(statistic,
          s -> new double[REFITTED.contains(s) ? resampling.refitResamples() : resampling.resamples()])[at] = value);
    }
    Map<Statistic, EmpiricalNull> nulls = new EnumMap<>(Statistic.class);
    values.forEach((statistic, v) -> nulls.put(statistic, EmpiricalNull.of(v)));
    return nulls;
  }

  /** The pseudo-snapshots' size: the snapshot's, at most the bound and half the baseline's sample. */
  public static int resampleSize(int baselineRows, long snapshotSize, Resampling resampling) {
    return (int) Math.min(Math.min(snapshotSize, resampling.maxSize()), baselineRows / 2);
  }

  private double[] shares(int[] which) {
    long[] counts = new long[model.centroids().k()];
    for (int i : which) {
      counts[nearest[i]]++;
    }
    return ProportionShift.proportions(counts);
  }

  private double[] mean(int[] which) {
    double[] sum = new double[dim];
    for (int i : which) {
      for (int j = 0; j < dim; j++) {
        sum[j] += rows[i * dim + j];
      }
    }
    for (int j = 0; j < dim; j++) {
      sum[j] /= which.length;
    }
    return sum;
  }

  /**
   * Per baseline cluster, the model's quantile of the distances of rows {@code which} assigned to it; 0 for a cluster none
   * of them is in (everything there is outside), as the job's stored quantiles give for an empty cluster.
   */
  private double[] outsideLimits(int[] which) {
    int k = model.centroids().k();
    int[] counts = new int[k];
    for (int i : which) {
      counts[nearest[i]]++;
    }
    double[][] byCluster = new double[k][];
    for (int c = 0; c < k; c++) {
      byCluster[c] = new double[counts[c]];
    }
    int[] filled = new int[k];
    for (int i : which) {
      byCluster[nearest[i]][filled[nearest[i]]++] = distances[i];
    }
    double[] limits = new double[k];
    for (int c = 0; c < k; c++) {
      Arrays.sort(byCluster[c]);
      limits[c] = counts[c] == 0 ? 0 : PercentileInterval.quantile(byCluster[c], model.outsideQuantile());
    }
    return limits;
  }

  private double outsideShare(int[] which, double[] limits) {
    long count = Arrays.stream(which).filter(i -> distances[i] > limits[nearest[i]]).count();
    return which.length == 0 ? 0 : (double) count / which.length;
  }

  private double[] projected(int[] which) {
    int components = variances.length;
    double[] out = new double[components * which.length];
    for (int a = 0; a < components; a++) {
      for (int t = 0; t < which.length; t++) {
        out[a * which.length + t] = projections[a * n + which[t]];
      }
    }
    return out;
  }

  private double[] gather(int[] which) {
    double[] out = new double[which.length * dim];
    for (int t = 0; t < which.length; t++) {
      System.arraycopy(rows, which[t] * dim, out, t * dim, dim);
    }
    return out;
  }

  /** A K-Means fit of some rows: its centres and each cluster's radius (mean distance of its points to its centre). */
  private record Fitted(Centroids centroids, double[] radii) {}

  private Fitted fit(int[] which, Refit refit) {
    double[] points = gather(which);
    int k = Math.min(refit.k(), which.length);
    VectorBlock block = VectorBlock.ofRows(points, which.length, dim);
    double tolerance = refit.relativeTolerance() * meanVariance(points, which.length);
    Lloyd.Pass pass = centres -> {
      ClusterStats stats = new ClusterStats(centres.k(), dim);
      stats.add(block, centres);
      return stats;
    };
    try {
      Centroids centres = Lloyd.iterate(KMeansPlusPlus.choose(points, which.length, dim, k, refit.seed()), pass, refit.maxIterations(),
          tolerance).centroids();
      ClusterStats stats = pass.of(centres);
      double[] radii = new double[k];
      Arrays.setAll(radii, stats::meanDistance);
      return new Fitted(centres, radii);
    } catch (Exception e) {
      throw new IllegalStateException("an in-memory K-Means pass cannot fail", e);
    }
  }

  /** The mean over dimensions of the per-dimension variance: the scale of Lloyd's tolerance, as the drift job sets it. */
  private double meanVariance(double[] points, int count) {
    double total = 0;
    for (int j = 0; j < dim; j++) {
      double mean = 0;
      for (int i = 0; i < count; i++) {
        mean += points[i * dim + j];
      }
      mean /= count;
      double squares = 0;
      for (int i = 0; i < count; i++) {
        double d = points[i * dim + j] - mean;
        squares += d * d;
      }
      total += squares / count;
    }
    return total / dim;
  }

  /** Rows {@code from} to {@code to - 1}: the index sets {@link #measure} and {@link #nulls} take. */
  public static int[] range(int from, int to) {
    return IntStream.range(from, to).toArray();
  }
}
