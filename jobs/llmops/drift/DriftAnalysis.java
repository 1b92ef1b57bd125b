package llmops.drift;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import llmops.io.Timings;
import llmops.spark.GroupedQuantiles;
import llmops.spark.OrderedReduce;
import llmops.spark.SeededSamples;
import llmops.udfs.clustering.Centroids;
import llmops.udfs.clustering.ClusterStats;
import llmops.udfs.clustering.KMeansPlusPlus;
import llmops.udfs.clustering.Lloyd;
import llmops.udfs.clustering.Silhouette;
import llmops.udfs.distance.CentroidDistances;
import llmops.udfs.distance.DistanceQuantiles;
import llmops.udfs.linalg.Moments;
import llmops.udfs.linalg.VarianceProfile;
import llmops.udfs.vectors.SeededSample;
import llmops.udfs.vectors.VectorBlock;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * The analysis of one run over cached blocks of vectors, as a sequence of passes: moments (PCA),
 * seeded samples, Lloyd iterations, final cluster statistics, silhouettes. Each pass is one
 * {@link OrderedReduce}; the arithmetic itself lives in {@code llmops.udfs}.
 *
 * <p>With an {@link MllibEngine}, Spark MLlib does the PCA, the K-Means fit and the
 * squared-Euclidean silhouette instead; the samples, the Euclidean silhouette, the cluster
 * statistics and the reference distances are computed here in either case, on the engine's centres.
 */
final class DriftAnalysis {
  private final JavaRDD<VectorBlock> blocks;
  private final long n;
  private final int dim;
  private final DriftSettings settings;
  private final Timings timings;
  private final MllibEngine mllib; // null: the native engine

  DriftAnalysis(JavaRDD<VectorBlock> blocks, long n, int dim, DriftSettings settings, Timings timings) {
    this(blocks, n, dim, settings, timings, null);
  }

  DriftAnalysis(JavaRDD<VectorBlock> blocks, long n, int dim, DriftSettings settings, Timings timings, MllibEngine mllib) {
    this.mllib = mllib;
    this.blocks = blocks;
    this.n = n;
    this.dim = dim;
    this.settings = settings;
    this.timings = timings;
  }

  /** The two seeded samples: k-means++ picks initial centres from one, the Euclidean silhouette runs on the other. */
  private record Samples(SeededSample.Rows init, SeededSample.Rows silhouette) {}

  /** The explained-variance curve and how many components the run reports for the variance target. */
  record Pca(VarianceProfile profile, int components) {}

  /** A K-Means fit: its centres, their statistics, and the objective and iterations as its engine reports them. */
  record Fit(Centroids centroids, ClusterStats stats, double inertia, int iterations, boolean converged) {}

  /** One pass of cluster statistics under given centres, for an engine that fits K-Means elsewhere. */
  interface StatsPass {
    ClusterStats of(Centroids centroids) throws Exception;
  }

  DriftResult run() throws Exception {
    if (n < 2) {
      throw new IllegalArgumentException("the analysis needs at least 2 valid vectors, got " + n);
    }
    if (mllib != null) {
      timings.time("mllib_vectors", () -> { mllib.cache(); return null; });
    }
    Pca pca = timings.time("pca", () -> mllib != null ? mllib.pca(settings.variance()) : nativePca());
    VarianceProfile variance = pca.profile();
    Samples samples = timings.time("sampling", this::samples);
    double[] initRows = mllib != null ? null : samples.init().matrix(dim);
    double[] silhouetteRows = samples.silhouette().matrix(dim);
    double tolerance = DriftSettings.RELATIVE_TOLERANCE * variance.totalVariance() / dim;

    List<DriftResult.KCandidate> candidates = new ArrayList<>();
    Fit chosen = null;
    double chosenSilhouette = Double.NaN;
    for (int k : kValues(n)) {
      Fit fit = timings.time("kmeans", () -> mllib != null ? mllib.fit(k, this::clusterStats) : fit(initRows, samples.init().size(), k, tolerance));
      double silhouette = timings.time("silhouette_euclidean", () -> euclideanSilhouette(silhouetteRows, samples.silhouette().size(), fit.centroids()));
      candidates.add(new DriftResult.KCandidate(k, silhouette, fit.inertia(), fit.iterations()));
      // --k auto keeps the k with the highest silhouette; ties (and NaN) keep the smaller k.
      if (chosen == null || silhouette > chosenSilhouette) {
        chosen = fit;
        chosenSilhouette = silhouette;
      }
    }
    Fit best = chosen;
    double squared = timings.time("silhouette_squared", () -> populated(best.stats()) < 2 ? Double.NaN
        : mllib != null ? mllib.squaredSilhouette(best.centroids()) : squaredSilhouette(best));
    ReferenceDistances distances = timings.time("reference_distances", () -> referenceDistances(best.centroids()));
    return new DriftResult(n, dim, variance, pca.components(), best.centroids(), best.stats(), best.inertia(),
        best.iterations(), best.converged(), settings.autoK() ? candidates : List.of(), squared, chosenSilhouette,
        samples.silhouette().size(), distances);
  }

  /**
   * Per cluster, exact quantiles of its points' Euclidean and cosine distances to its centre: what a
   * later distance run measures prompts against (groups 0..k-1 Euclidean, k..2k-1 cosine).
   */
  private ReferenceDistances referenceDistances(Centroids centroids) throws Exception {
    int k = centroids.k();
    JavaRDD<CentroidDistances> distances = blocks.map(b -> CentroidDistances.of(b, centroids)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      GroupedQuantiles.Result r = GroupedQuantiles.of(distances, 2 * k, DistanceQuantiles.PROBABILITIES, (d, sink) -> {
        for (int i = 0; i < d.rows(); i++) {
          sink.add(d.clusters()[i], d.euclidean()[i]);
          sink.add(k + d.clusters()[i], d.cosine()[i]);
        }
      });
      double[][] euclidean = new double[k][DistanceQuantiles.PROBABILITIES.length];
      double[][] cosine = new double[k][DistanceQuantiles.PROBABILITIES.length];
      for (int c = 0; c < k; c++) {
        for (int q = 0; q < DistanceQuantiles.PROBABILITIES.length; q++) {
          euclidean[c][q] = r.quantiles().quantile(c, q);
          cosine[c][q] = r.quantiles().quantile(k + c, q);
        }
      }
      return new ReferenceDistances(euclidean, cosine);
    } finally {
      distances.unpersist(false);
    }
  }

  private Pca nativePca() throws Exception {
    VarianceProfile profile = varianceProfile();
    return new Pca(profile, profile.componentsFor(settings.variance()));
  }

  private VarianceProfile varianceProfile() throws Exception {
    if (n < dim) {
      double[] rows = new double[(int) n * dim];
      int offset = 0;
      for (VectorBlock block : blocks.collect()) {
        double[] values = block.valuesAsDoubles();
        System.arraycopy(values, 0, rows, offset, values.length);
        offset += values.length;
      }
      return VarianceProfile.ofFewRows(rows, (int) n, dim);
    }
    Moments moments = moments();
    return VarianceProfile.ofCovariance(moments.covariance(), dim);
  }

  private List<Integer> kValues(long n) {
    List<Integer> ks = new ArrayList<>();
    if (!settings.autoK()) {
      if (settings.fixedK() > n) {
        throw new IllegalArgumentException("--k " + settings.fixedK() + " needs at least " + settings.fixedK() + " valid vectors, got " + n);
      }
      ks.add(settings.fixedK());
      return ks;
    }
    for (int k = settings.autoKFrom(); k <= settings.autoKTo() && k < n; k++) {
      ks.add(k);
    }
    if (ks.isEmpty()) {
      throw new IllegalArgumentException("--k auto needs more valid vectors than the smallest k tried (" + settings.autoKFrom() + "), got " + n);
    }
    return ks;
  }

  private Moments moments() throws Exception {
    int d = dim;
    float[] first = blocks.first().row(0);
    double[] shift = new double[d];
    for (int j = 0; j < d; j++) {
      shift[j] = first[j];
    }
    return OrderedReduce.reduce(blocks, 8L * d * d, it -> {
      Moments m = new Moments(shift);
      it.forEachRemaining(m::add);
      return m;
    }, Moments::merge);
  }

  private Samples samples() throws Exception {
    SeededSamples.Spec silhouette = new SeededSamples.Spec(settings.silhouetteSample(), settings.seed() + 1);
    if (mllib != null) {
      // MLlib initialises K-Means itself, from all the data.
      return new Samples(null, SeededSamples.draw(blocks, dim, List.of(silhouette)).get(0));
    }
    // Distinct seeds: the silhouette sample should not be the initialisation sample's first rows.
    List<SeededSample.Rows> drawn = SeededSamples.draw(blocks, dim, List.of(
        new SeededSamples.Spec(settings.initSample(), settings.seed()), silhouette));
    return new Samples(drawn.get(0), drawn.get(1));
  }

  private Fit fit(double[] initRows, int initCount, int k, double tolerance) throws Exception {
    Lloyd.Outcome lloyd = Lloyd.iterate(KMeansPlusPlus.choose(initRows, initCount, dim, k, settings.seed()), this::clusterStats,
        settings.maxIterations(), tolerance);
    // Labels, inertia and sizes under the final centres, as scikit-learn's last E-step gives them.
    ClusterStats stats = clusterStats(lloyd.centroids());
    return new Fit(lloyd.centroids(), stats, stats.inertia(), lloyd.iterations(), lloyd.converged());
  }

  private ClusterStats clusterStats(Centroids centroids) throws Exception {
    int k = centroids.k();
    int d = dim;
    return OrderedReduce.reduce(blocks, 8L * k * (d + 8), it -> {
      ClusterStats stats = new ClusterStats(k, d);
      it.forEachRemaining(block -> stats.add(block, centroids));
      return stats;
    }, ClusterStats::merge);
  }

  private double squaredSilhouette(Fit fit) throws Exception {
    Centroids centroids = fit.centroids();
    ClusterStats stats = fit.stats();
    return OrderedReduce.reduce(blocks, 64, it -> {
      Silhouette.Sum sum = new Silhouette.Sum();
      it.forEachRemaining(block -> sum.merge(Silhouette.SquaredEuclidean.of(block, centroids, stats)));
      return sum;
    }, Silhouette.Sum::merge).mean();
  }

  /** scikit-learn's silhouette on the seeded sample, its O(m^2) distance work split across tasks. */
  private double euclideanSilhouette(double[] rows, int m, Centroids centroids) throws Exception {
    int[] labels = new int[m];
    for (int i = 0; i < m; i++) {
      labels[i] = centroids.nearest(java.util.Arrays.copyOfRange(rows, i * dim, (i + 1) * dim), null);
    }
    Silhouette.Euclidean sample = new Silhouette.Euclidean(rows, m, dim, labels, centroids.k());
    if (sample.populatedClusters() < 2) {
      return Double.NaN;
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(blocks.context());
    int tasks = Math.max(1, Math.min(sample.chunks(), 4 * sc.defaultParallelism()));
    List<Integer> strides = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      strides.add(t);
    }
    Broadcast<Silhouette.Euclidean> shared = sc.broadcast(sample);
    try {
      Silhouette.DistanceSums sums = OrderedReduce.reduce(sc.parallelize(strides, tasks), 8L * m * centroids.k(), (Iterator<Integer> it) -> {
        Silhouette.DistanceSums partial = null;
        while (it.hasNext()) {
          Silhouette.DistanceSums next = shared.value().distanceSums(it.next(), tasks);
          partial = partial == null ? next : partial.merge(next);
        }
        return partial;
      }, Silhouette.DistanceSums::merge);
      return sample.silhouettes(sums).mean();
    } finally {
      shared.destroy();
    }
  }

  private static int populated(ClusterStats stats) {
    int populated = 0;
    for (long c : stats.counts()) {
      populated += c > 0 ? 1 : 0;
    }
    return populated;
  }
}
