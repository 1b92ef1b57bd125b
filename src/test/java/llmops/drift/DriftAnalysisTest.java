package llmops.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import llmops.io.Timings;
import llmops.testing.SparkTest;
import llmops.testing.Synthetic;
import llmops.udfs.clustering.Centroids;
import llmops.udfs.vectors.GaussianClusters;
import llmops.udfs.vectors.VectorBlock;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.mllib.feature.PCA;
import org.apache.spark.mllib.feature.PCAModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analysis on four well-separated Gaussian clusters in 16 dimensions (1,200 points), checked
 * against independent computations: the true centres, inertia and silhouettes recomputed point by
 * point here, and Spark MLlib's own PCA and ClusteringEvaluator.
 */
class DriftAnalysisTest {
  private static final int DIM = 16;
  private static final int N = 1200;
  private static final GaussianClusters MODEL = new GaussianClusters(DIM, 4, 3.0, 0.3, 5, 0, 0);
  private static float[][] rows;
  private static DriftResult result;

  static DriftSettings fixedK(int k) {
    return new DriftSettings(k, 2, 8, 0.95, 42, 10_000, 20_000, 300);
  }

  static DriftResult analyse(float[][] data, int partitions, DriftSettings settings) throws Exception {
    JavaRDD<VectorBlock> blocks = SparkTest.context().parallelize(Synthetic.blocks(data, 100), partitions);
    return new DriftAnalysis(blocks, data.length, data[0].length, settings, new Timings()).run();
  }

  @BeforeAll
  static void run() throws Exception {
    rows = Synthetic.vectors(MODEL, N, 1);
    result = analyse(rows, 3, fixedK(4));
  }

  @Test
  void findsTheTrueCentres() {
    Centroids found = result.centroids();
    for (int c = 0; c < 4; c++) {
      double[] truth = MODEL.centre(c);
      double[] nearest = found.centre(found.nearest(truth, null));
      double distance = 0;
      for (int j = 0; j < DIM; j++) {
        distance += (truth[j] - nearest[j]) * (truth[j] - nearest[j]);
      }
      // A centre estimated from ~300 points with noise 0.3 per coordinate is off by about 0.3 * sqrt(16/300) = 0.07.
      assertTrue(Math.sqrt(distance) < 0.2, "cluster " + c + " missed by " + Math.sqrt(distance));
    }
  }

  @Test
  void reportsTheInertiaOfItsCentres() {
    double expected = 0;
    for (float[] r : rows) {
      double[] out = new double[1];
      result.centroids().nearest(toDoubles(r), out);
      expected += out[0];
    }
    assertEquals(expected, result.clusters().inertia(), 1e-9 * expected);
    assertEquals(N, result.clusters().total());
  }

  @Test
  void euclideanSilhouetteIsExactWhenTheDataFitsTheSample() {
    assertEquals(N, result.silhouetteSampleSize());
    int[] labels = labels();
    double expected = 0;
    for (int i = 0; i < N; i++) {
      double[] sums = new double[4];
      int[] counts = new int[4];
      for (int j = 0; j < N; j++) {
        counts[labels[j]]++;
        if (i != j) {
          sums[labels[j]] += Math.sqrt(squaredDistance(rows[i], rows[j]));
        }
      }
      double a = sums[labels[i]] / (counts[labels[i]] - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < 4; c++) {
        if (c != labels[i]) {
          b = Math.min(b, sums[c] / counts[c]);
        }
      }
      expected += (b - a) / Math.max(a, b) / N;
    }
    assertEquals(expected, result.silhouetteEuclidean(), 1e-9);
  }

  @Test
  void squaredEuclideanSilhouetteEqualsSparkMllibsClusteringEvaluator() {
    int[] labels = labels();
    List<Row> data = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      data.add(RowFactory.create(Vectors.dense(toDoubles(rows[i])), (double) labels[i]));
    }
    Dataset<Row> df = SparkTest.spark().createDataFrame(data, DataTypes.createStructType(List.of(
        DataTypes.createStructField("features", new VectorUDT(), false),
        DataTypes.createStructField("prediction", DataTypes.DoubleType, false))));
    double mllib = new ClusteringEvaluator().evaluate(df);
    assertEquals(mllib, result.silhouetteSquaredEuclidean(), 1e-9);
  }

  @Test
  void countsPrincipalComponentsAsSparkMllibsPcaExplainsThem() {
    List<org.apache.spark.mllib.linalg.Vector> data = new ArrayList<>();
    for (float[] r : rows) {
      data.add(org.apache.spark.mllib.linalg.Vectors.dense(toDoubles(r)));
    }
    PCAModel pca = new PCA(DIM).fit(SparkTest.context().parallelize(data, 2).rdd());
    double[] ratios = pca.explainedVariance().toArray();
    assertArrayEquals(ratios, result.variance().ratio(), 1e-9);
    double cumulative = 0;
    int expected = 0;
    while (cumulative <= 0.95) {
      cumulative += ratios[expected++];
    }
    assertEquals(expected, result.componentsForVariance());
  }

  @Test
  void isReproducibleToTheLastBit() throws Exception {
    DriftResult again = analyse(rows, 3, fixedK(4));
    assertArrayEquals(result.centroids().values(), again.centroids().values(), 0);
    assertEquals(result.clusters().inertia(), again.clusters().inertia(), 0);
  }

  @Test
  void givesTheSameAnswerWhateverThePartitioning() throws Exception {
    DriftResult other = analyse(rows, 7, fixedK(4));
    assertArrayEquals(result.centroids().values(), other.centroids().values(), 1e-9);
    assertArrayEquals(result.clusters().counts(), other.clusters().counts());
  }

  @Test
  void autoKFindsTheFourClustersAndRecordsWhy() throws Exception {
    DriftResult auto = analyse(rows, 3, new DriftSettings(0, 2, 7, 0.95, 42, 10_000, 20_000, 300));
    assertEquals(4, auto.centroids().k());
    assertEquals(6, auto.kCandidates().size());
    double best = auto.kCandidates().stream().mapToDouble(DriftResult.KCandidate::silhouetteEuclidean).max().orElseThrow();
    assertEquals(best, auto.silhouetteEuclidean(), 0);
  }

  @Test
  void handlesGptJSizedEmbeddingsWithFewerVectorsThanDimensions() throws Exception {
    GaussianClusters wide = new GaussianClusters(4096, 3, 1.0, 0.5, 9, 0, 0);
    DriftResult r = analyse(Synthetic.vectors(wide, 300, 2), 2, fixedK(3));
    assertEquals(4096, r.variance().ratio().length);
    // 300 centred vectors span at most 299 directions, so the count lies within them.
    assertTrue(r.componentsForVariance() > 2 && r.componentsForVariance() <= 299, "components " + r.componentsForVariance());
    long[] sizes = r.clusters().counts();
    for (long size : sizes) {
      assertTrue(Math.abs(size - 100) < 30, "cluster sizes " + java.util.Arrays.toString(sizes));
    }
  }

  private int[] labels() {
    int[] labels = new int[N];
    for (int i = 0; i < N; i++) {
      labels[i] = result.centroids().nearest(toDoubles(rows[i]), null);
    }
    return labels;
  }

  private static double[] toDoubles(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  private static double squaredDistance(float[] a, float[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double d = (double) a[j] - b[j];
      s += d * d;
    }
    return s;
  }
}
