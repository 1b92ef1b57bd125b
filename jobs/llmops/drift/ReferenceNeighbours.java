package llmops.drift;

import java.util.List;
import llmops.io.QuantileSet;
import llmops.spark.SeededSamples;
import llmops.spark.SparkKnn;
import llmops.udfs.clustering.Centroids;
import llmops.udfs.distance.CentroidDistances.Metric;
import llmops.udfs.distance.DistanceQuantiles;
import llmops.udfs.knn.LeaveOneOut;
import llmops.udfs.vectors.VectorBlock;
import org.apache.spark.api.java.JavaRDD;

/**
 * A BASELINE's kNN yardstick ({@link DriftRunRecord.Knn}): a seeded, content-keyed sample of at most
 * {@code sampleSize} of its points, each point's leave-one-out k-th-neighbour distance against every
 * reference point (searched partition by partition under the run's own centroids, merged exactly),
 * in both metrics, and their quantiles.
 */
final class ReferenceNeighbours {
  private ReferenceNeighbours() {}

  /** Null when the reference has no more than k points: no point has k others. */
  static DriftRunRecord.Knn measure(JavaRDD<VectorBlock> blocks, long valid, int dim, Centroids centroids, int k, int sampleSize, long seed)
      throws Exception {
    if (valid <= k) {
      return null;
    }
    double[] matrix = SeededSamples.draw(blocks, dim, List.of(new SeededSamples.Spec(sampleSize, seed))).get(0).matrix(dim);
    int rows = matrix.length / dim;
    float[] sample = new float[matrix.length];
    for (int i = 0; i < matrix.length; i++) {
      // The sample's doubles are float32 values widened: narrowing gives the reference's rows back bit for bit.
      sample[i] = (float) matrix[i];
    }
    QuantileSet[] quantiles = new QuantileSet[2];
    for (Metric metric : Metric.values()) {
      // The sample's rows are reference rows: the (k + 1)-th nearest is the k-th other (LeaveOneOut).
      double[] kth = SparkKnn.ofSample(blocks, centroids, sample, rows, k + 1, metric).kthDistances();
      quantiles[metric.ordinal()] = QuantileSet.of(LeaveOneOut.quantiles(kth, DistanceQuantiles.PROBABILITIES));
    }
    return new DriftRunRecord.Knn(k, rows, seed, valid, quantiles[Metric.EUCLIDEAN.ordinal()], quantiles[Metric.COSINE.ordinal()]);
  }
}
