package llmops.drift;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import llmops.udfs.clustering.Centroids;
import llmops.udfs.clustering.ClusterStats;
import llmops.udfs.linalg.SampleComponentCount;
import llmops.udfs.linalg.VarianceProfile;
import llmops.udfs.vectors.VectorBlock;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * The analysis through Spark MLlib, as the AWS sample's Glue job runs it: {@code PCA} for the
 * explained-variance curve, {@code KMeans} with MLlib's own initialisation (k-means||) and
 * defaults (20 iterations at most, tolerance 1e-4, 2 initialisation steps) on the original
 * vectors, and {@code ClusteringEvaluator} for the squared-Euclidean silhouette.
 *
 * <p>MLlib's numbers depend on how the vectors are partitioned and ordered (k-means|| samples each
 * partition with a seed of its index; sums run partition by partition), so the vectors keep the
 * partitions of the blocks they come from. They pass once through {@code VectorAssembler}, as in
 * the sample (it stores a vector with many zeros sparse, which changes the arithmetic's order),
 * and are cached once in that form: every MLlib stage reads the same cached column.
 */
final class MllibEngine {
  /** The sample's {@code PCA(k=100)}. */
  static final int SAMPLE_PCA_COMPONENTS = 100;
  private static final String FEATURES = "features";

  private final SparkSession spark;
  private final JavaRDD<VectorBlock> blocks;
  private final int dim;
  private final Integer componentCap;
  private final long seed;
  private final Map<Centroids, KMeansModel> models = new IdentityHashMap<>();
  private Dataset<Row> features;
  private int components;

  /** {@code componentCap}: at most this many principal components (the sample's 100 under --schema seed), null for all of them. */
  MllibEngine(SparkSession spark, JavaRDD<VectorBlock> blocks, int dim, Integer componentCap, long seed) {
    this.spark = spark;
    this.blocks = blocks;
    this.dim = dim;
    this.componentCap = componentCap;
    this.seed = seed;
  }

  /** The vectors as MLlib's {@code features} column, computed and cached once. */
  void cache() {
    JavaRDD<Row> rows = blocks.flatMap(block -> {
      double[] values = block.valuesAsDoubles();
      int d = block.dim();
      List<Row> out = new ArrayList<>(block.rows());
      for (int r = 0; r < block.rows(); r++) {
        out.add(RowFactory.create(Vectors.dense(java.util.Arrays.copyOfRange(values, r * d, (r + 1) * d))));
      }
      return out.iterator();
    });
    Dataset<Row> vectors = spark.createDataFrame(rows, DataTypes.createStructType(List.of(
        DataTypes.createStructField("vector", new VectorUDT(), false))));
    features = new VectorAssembler().setInputCols(new String[] {"vector"}).setOutputCol(FEATURES).transform(vectors)
        .select(FEATURES).persist(StorageLevel.MEMORY_AND_DISK());
    features.count();
  }

  /** MLlib's PCA; the component count is the sample's rule (first index past the target, else the number computed) plus one. */
  DriftAnalysis.Pca pca(double target) {
    components = componentCap == null ? dim : Math.min(componentCap, dim);
    double[] ratios = new PCA().setInputCol(FEATURES).setK(components).fit(features).explainedVariance().toArray();
    VarianceProfile profile = VarianceProfile.ofLeadingRatios(ratios);
    return new DriftAnalysis.Pca(profile, SampleComponentCount.varpc(profile.cumulative(), target) + 1);
  }

  /**
   * MLlib's K-Means with its defaults and this seed. MLlib can return fewer centres than k (when
   * k-means|| finds fewer distinct candidates); the run then has that many clusters, as the
   * sample's would. The statistics come from the project's pass on MLlib's centres, so the cluster
   * sizes are the project's count of nearest centres: MLlib's own count (summary.clusterSizes)
   * differs only for a point equidistant from two centres to within rounding. The objective is
   * MLlib's trainingCost, which is what the sample stores as inertia.
   */
  DriftAnalysis.Fit fit(int k, DriftAnalysis.StatsPass statsPass) throws Exception {
    KMeans kmeans = new KMeans().setK(k).setSeed(seed).setFeaturesCol(FEATURES);
    KMeansModel model = kmeans.fit(features);
    Vector[] centres = model.clusterCenters();
    double[] values = new double[centres.length * dim];
    for (int c = 0; c < centres.length; c++) {
      System.arraycopy(centres[c].toArray(), 0, values, c * dim, dim);
    }
    Centroids centroids = new Centroids(centres.length, dim, values);
    models.put(centroids, model);
    int iterations = model.summary().numIter();
    // MLlib stops at maxIter or when no centre moved more than tol; only the first can leave it unconverged.
    return new DriftAnalysis.Fit(centroids, statsPass.of(centroids), model.summary().trainingCost(), iterations,
        iterations < kmeans.getMaxIter());
  }

  /** ClusteringEvaluator's squared-Euclidean silhouette of a fit's predictions, as the sample scores a run. */
  double squaredSilhouette(Centroids fitted) {
    KMeansModel model = models.get(fitted);
    return new ClusteringEvaluator().setFeaturesCol(FEATURES).setPredictionCol(model.getPredictionCol())
        .setMetricName("silhouette").setDistanceMeasure("squaredEuclidean").evaluate(model.transform(features));
  }

  /** What the run reports about the engine: which MLlib stages ran with which parameters. */
  DriftRunRecord.MllibRun describe() {
    String cap = componentCap == null ? "none: all " + dim + " components"
        : componentCap + " (the AWS sample's PCA(k=100), kept under --schema seed)";
    KMeans defaults = new KMeans();
    return new DriftRunRecord.MllibRun(spark.version(), new DriftRunRecord.MllibPca(components, cap),
        new DriftRunRecord.MllibKMeans(defaults.getInitMode(), defaults.getInitSteps(), defaults.getMaxIter(), defaults.getTol(), seed),
        features.rdd().getNumPartitions());
  }

  void release() {
    if (features != null) {
      features.unpersist(false);
    }
  }
}
