package llmops.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmops.io.EmbeddingInput;
import llmops.io.Timings;
import llmops.io.ValidatedEmbeddings;
import llmops.spark.OrderedReduce;
import llmops.spark.SeededSamples;
import llmops.udfs.clustering.Centroids;
import llmops.udfs.drift.BaselineCoverage;
import llmops.udfs.drift.CentroidMatch;
import llmops.udfs.drift.ComponentShift;
import llmops.udfs.drift.MeanShift;
import llmops.udfs.drift.ProportionShift;
import llmops.udfs.distance.OutlierRule;
import llmops.udfs.drift.Verdict;
import llmops.udfs.vectors.VectorBlock;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;

/**
 * A SNAPSHOT compared with its BASELINE: shares under the baseline's clusters, matched centroid
 * shifts, whole-distribution tests on seeded samples of both sides, the change in structure, and
 * the verdict those give under the configured rules.
 */
final class DriftComparison {
  /** The sample seed differs from K-Means' and the silhouette's, so the tests see fresh draws. */
  private static final long SAMPLE_SEED_OFFSET = 2;
  /** The domain classifier splits by keys of their own: which vectors train is independent of which were drawn. */
  private static final long SPLIT_SEED_OFFSET = 3;

  private final SparkSession spark;
  private final VerdictSettings settings;
  private final long seed;
  private final Timings timings;

  DriftComparison(SparkSession spark, VerdictSettings settings, long seed, Timings timings) {
    this.spark = spark;
    this.settings = settings;
    this.seed = seed;
    this.timings = timings;
  }

  record Outcome(Map<String, Object> comparison, Verdict.Result verdict) {}

  Outcome compare(StoredBaseline baseline, String baselineDataPath, JavaRDD<VectorBlock> snapshotBlocks, DriftResult snapshot) throws Exception {
    if (baseline.dim() != snapshot.dim()) {
      throw new IllegalArgumentException("the snapshot's vectors have dimension " + snapshot.dim() + " but its baseline's (run "
          + baseline.runId() + ") have " + baseline.dim() + ": they come from different embedding models and cannot be compared");
    }
    Samples samples = timings.time("compare_sampling", () -> samples(baseline, baselineDataPath, snapshotBlocks));
    BaselineCoverage coverage = timings.time("compare_coverage", () -> coverage(baseline, snapshotBlocks, snapshot));
    Map<String, Double> statistics = new LinkedHashMap<>();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("baseline", baselineSummary(baseline, baselineDataPath));
    out.put("proportions", proportions(baseline, coverage, statistics));
    out.put("centroids", centroids(baseline, snapshot, coverage, samples, statistics));
    out.put("distribution", timings.time("compare_distribution", () -> distribution(baseline, samples, snapshot, statistics)));
    out.put("structure", structure(baseline, snapshot));
    return new Outcome(out, Verdict.decide(settings.rules(), statistics));
  }

  /** Seeded samples of both sides, row-major; the baseline's is drawn from its data, read again. */
  private record Samples(double[] baseline, int baselineRows, double[] snapshot, int snapshotRows) {}

  private Samples samples(StoredBaseline baseline, String baselineDataPath, JavaRDD<VectorBlock> snapshotBlocks) throws Exception {
    int dim = baseline.dim();
    long sampleSeed = seed + SAMPLE_SEED_OFFSET;
    double[] after = seededSample(snapshotBlocks, settings.comparisonSample(), sampleSeed, dim);
    ValidatedEmbeddings baselineInput = ValidatedEmbeddings.of(
        EmbeddingInput.read(spark, baselineDataPath, baseline.format(), baseline.fields()), dim);
    try {
      if (baselineInput.valid() < 2) {
        throw new IllegalArgumentException("the baseline's data at " + baselineDataPath + " has " + baselineInput.valid()
            + " valid vectors of dimension " + dim + " now; pass --baseline_data_path if it moved");
      }
      double[] before = seededSample(baselineInput.blocks(), settings.comparisonSample(), sampleSeed, dim);
      return new Samples(before, before.length / dim, after, after.length / dim);
    } finally {
      baselineInput.release();
    }
  }

  /** Shares under the baseline's clusters and coverage, from one pass over the snapshot. */
  private BaselineCoverage coverage(StoredBaseline baseline, JavaRDD<VectorBlock> snapshotBlocks, DriftResult snapshot) throws Exception {
    Centroids baselineCentres = baseline.centroids();
    Centroids snapshotCentres = snapshot.centroids();
    double[] limits = outsideLimits(baseline);
    return OrderedReduce.reduce(snapshotBlocks, 8L * (baselineCentres.k() + 2L * snapshotCentres.k()) + 1024, it -> {
      BaselineCoverage coverage = new BaselineCoverage(baselineCentres, limits, snapshotCentres);
      it.forEachRemaining(coverage::add);
      return coverage;
    }, BaselineCoverage::merge);
  }

  /** Per baseline cluster, the distance beyond which a point is outside it: the same rule as the distance job's outliers. */
  private double[] outsideLimits(StoredBaseline baseline) {
    return new OutlierRule(settings.outsideQuantile(), 1.0).thresholds(baseline.referenceDistances().euclidean());
  }

  private static Map<String, Object> proportions(StoredBaseline baseline, BaselineCoverage coverage, Map<String, Double> statistics) {
    long[] counts = coverage.baselineCounts();
    double[] before = ProportionShift.proportions(baseline.clusterSizes());
    double[] after = ProportionShift.proportions(counts);
    ProportionShift.ChiSquare chi = ProportionShift.chiSquare(baseline.clusterSizes(), counts);
    statistics.put("psi", ProportionShift.psi(before, after));
    statistics.put("js_distance", ProportionShift.jensenShannonDistance(before, after));
    statistics.put("chi_square_p_value", chi.pValue());

    Map<String, Object> m = new LinkedHashMap<>();
    m.put("baseline", before);
    m.put("snapshot", after);
    m.put("snapshot_counts", counts);
    m.put("psi", statistics.get("psi"));
    m.put("js_distance", statistics.get("js_distance"));
    m.put("chi_square", Map.of("statistic", chi.statistic(), "dof", chi.degreesOfFreedom(), "p_value", chi.pValue()));
    return m;
  }

  private Map<String, Object> centroids(StoredBaseline baseline, DriftResult snapshot, BaselineCoverage coverage, Samples samples,
      Map<String, Double> statistics) {
    CentroidMatch.Result match = CentroidMatch.of(baseline.centroids(), baseline.radii(), snapshot.centroids());
    double[] shares = ProportionShift.proportions(snapshot.clusters().counts());
    double[] outside = coverage.outsideShareBySnapshotCluster();
    // The same rule applied to the baseline's own sample: how many points lie "outside" with no drift at all.
    BaselineCoverage own = new BaselineCoverage(baseline.centroids(), outsideLimits(baseline), baseline.centroids());
    own.add(asBlock(samples.baseline(), samples.baselineRows(), baseline.dim()));
    statistics.put("max_relative_centroid_shift", match.maxRelativeShift());
    statistics.put("outside_share_excess", coverage.outsideShare() - own.outsideShare());
    statistics.put("new_region_share", coverage.newRegionShare());
    List<Map<String, Object>> pairs = new ArrayList<>();
    List<Integer> newRegions = new ArrayList<>();
    for (CentroidMatch.Pair p : match.pairs()) {
      boolean newRegion = outside[p.snapshot()] > 0.5;
      if (newRegion) {
        newRegions.add(p.snapshot());
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("snapshot_cluster", p.snapshot());
      row.put("baseline_cluster", p.baseline());
      row.put("shift", p.shift());
      row.put("relative_shift", p.relativeShift());
      row.put("nearest_baseline_cluster", p.nearestBaseline());
      row.put("nearest_relative_distance", p.nearestRelativeDistance());
      row.put("snapshot_share", shares[p.snapshot()]);
      row.put("outside_share", outside[p.snapshot()]);
      row.put("new_region", newRegion);
      pairs.add(row);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("matching", "minimum total Euclidean distance (Hungarian method); shifts in baseline cluster radii");
    m.put("pairs", pairs);
    m.put("max_relative_shift", match.maxRelativeShift());
    m.put("outside_share", coverage.outsideShare());
    m.put("baseline_outside_share", own.outsideShare());
    m.put("new_regions", newRegions);
    m.put("new_region_share", coverage.newRegionShare());
    m.put("outside", "farther from the nearest baseline centre than that cluster's " + settings.outsideQuantile()
        + " of its own points' distances (as the distance job's outliers)");
    return m;
  }

  private Map<String, Object> distribution(StoredBaseline baseline, Samples samples, DriftResult snapshot,
      Map<String, Double> statistics) {
    int dim = baseline.dim();
    double[] before = samples.baseline();
    double[] after = samples.snapshot();
    int nb = samples.baselineRows();
    int ns = samples.snapshotRows();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sample_sizes", Map.of("baseline", nb, "snapshot", ns));

    DomainClassifier.Result classifier = DomainClassifier.rocAuc(spark, before, after, dim, settings.classifierRegularization(),
        seed + SPLIT_SEED_OFFSET);
    statistics.put("domain_classifier_auc", classifier.rocAuc());
    statistics.put("domain_classifier_auc_p_value", classifier.pValue());
    m.put("domain_classifier", Map.of("roc_auc", classifier.rocAuc(), "p_value", classifier.pValue(), "trained_on", classifier.trained(),
        "tested_on", classifier.tested(),
        "model", "logistic regression (Spark MLlib), L2 " + settings.classifierRegularization()));

    if (baseline.mean() != null) {
      MeanShift shift = MeanShift.between(baseline.mean(), snapshot.clusters().mean());
      statistics.put("mean_euclidean_distance", shift.euclidean());
      statistics.put("mean_cosine_distance", shift.cosine());
      m.put("mean_embedding_distance", Map.of("euclidean", shift.euclidean(), "cosine", shift.cosine()));
    }

    int tested = Math.min(baseline.components(), settings.maxComponentsTested());
    ComponentShift.Result components = ComponentShift.of(before, nb, after, ns, dim, tested, settings.componentTestAlpha());
    statistics.put("drifted_component_share", components.share());
    List<Integer> drifted = components.components().stream().filter(ComponentShift.Component::drifted).map(ComponentShift.Component::index).toList();
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("tested", components.tested());
    c.put("drifted", components.drifted());
    c.put("share", components.share());
    c.put("alpha_family_wise", components.alpha());
    c.put("test", "two-sample Kolmogorov-Smirnov on projections onto the baseline sample's principal axes");
    c.put("drifted_components", drifted);
    m.put("components", c);
    return m;
  }

  private static Map<String, Object> structure(StoredBaseline baseline, DriftResult snapshot) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("components_for_variance", pair(baseline.components(), snapshot.componentsForVariance()));
    m.put("k", pair(baseline.centroids().k(), snapshot.centroids().k()));
    m.put("inertia_per_point", pair(baseline.inertiaPerPoint(), snapshot.clusters().inertia() / snapshot.clusters().total()));
    m.put("silhouette_euclidean", pair(baseline.silhouetteEuclidean(), snapshot.silhouetteEuclidean()));
    m.put("silhouette_squared_euclidean", pair(baseline.silhouetteSquaredEuclidean(), snapshot.silhouetteSquaredEuclidean()));
    return m;
  }

  private static Map<String, Object> pair(Object baseline, Object snapshot) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("baseline", baseline);
    m.put("snapshot", snapshot);
    return m;
  }

  private static Map<String, Object> baselineSummary(StoredBaseline baseline, String dataPath) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", baseline.runId());
    m.put("run_ts", baseline.runTs());
    m.put("data_path", dataPath);
    m.put("k", baseline.centroids().k());
    return m;
  }

  private static VectorBlock asBlock(double[] rows, int n, int dim) {
    float[] values = new float[n * dim];
    String[] ids = new String[n];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) rows[i];
    }
    java.util.Arrays.setAll(ids, i -> "sample-" + i);
    return new VectorBlock(dim, n, values, ids);
  }

  /** A seeded sample of at most {@code size} vectors, row-major: the same rows whatever the partitioning. */
  private static double[] seededSample(JavaRDD<VectorBlock> blocks, int size, long seed, int dim) throws Exception {
    return SeededSamples.draw(blocks, dim, List.of(new SeededSamples.Spec(size, seed))).get(0).matrix(dim);
  }
}
