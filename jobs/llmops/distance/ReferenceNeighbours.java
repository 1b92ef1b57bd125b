package llmops.distance;

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
 * The reference's kNN yardstick for the novelty rule: a seeded, content-keyed sample of at most
 * {@code sampleSize} of its points, each point's leave-one-out k-th-neighbour distance against every
 * reference point (searched partition by partition under the BASELINE's centroids, merged exactly),
 * in one metric, and their quantiles.
 */
final class ReferenceNeighbours {
  private ReferenceNeighbours() {}

  /**
   * @param sampleSize the points measured (all of them when the reference has fewer than the sample's capacity)
   * @param quantiles the sampled points' leave-one-out k-th-neighbour distance quantiles
   */
  record Yardstick(int k, int sampleSize, long sampleSeed, long referenceVectors, QuantileSet quantiles) {}

  /** Needs more than k reference points ({@code valid > k}): each sampled point must have k others. */
  static Yardstick measure(JavaRDD<VectorBlock> blocks, long valid, int dim, Centroids centroids, int k, int sampleSize, long seed,
      Metric metric) throws Exception {
    double[] matrix = SeededSamples.draw(blocks, dim, List.of(new SeededSamples.Spec(sampleSize, seed))).get(0).matrix(dim);
    int rows = matrix.length / dim;
    float[] sample = new float[matrix.length];
    for (int i = 0; i < matrix.length; i++) {
      // The sample's doubles are float32 values widened: narrowing gives the reference's rows back bit for bit.
      sample[i] = (float) matrix[i];
    }
    // The sample's rows are reference rows: the (k + 1)-th nearest is the k-th other (LeaveOneOut).
    double[] kth = SparkKnn.ofSample(blocks, centroids, sample, rows, k + 1, metric).kthDistances();
    return new Yardstick(k, rows, seed, valid, QuantileSet.of(LeaveOneOut.quantiles(kth, DistanceQuantiles.PROBABILITIES)));
  }
}
