package llmops.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import llmops.udfs.clustering.Centroids;
import llmops.udfs.distance.CentroidDistances.Metric;
import llmops.udfs.knn.ClusterIndex;
import llmops.udfs.knn.KnnReference;
import llmops.udfs.knn.NearestNeighbours;
import llmops.udfs.knn.Neighbours;
import llmops.udfs.vectors.VectorBlock;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Exact k-nearest-neighbour distances from queries to a reference that lives in an RDD of blocks.
 *
 * <p>A reference that fits the broadcast budget is collected once, indexed under the BASELINE's
 * centroids ({@link ClusterIndex}) on the driver and broadcast: each executor then holds one copy
 * (4 x n x dim bytes plus 16 bytes a row) and every query block is searched where it lies. A larger
 * one (10M x 384 is 15 GB) stays partitioned: each reference partition is indexed where it lies,
 * every query block meets every partition's index (a cartesian product of the two RDDs), and the
 * partial answers merge per query block into the whole's ({@link Neighbours#merge}, exact); an
 * executor then holds one partition's index and one query block per task.
 */
public final class SparkKnn {
  /** Reference rows of one partition are numbered from partition << 40: indices stay unique for up to 2^40 rows a partition. */
  private static final int PARTITION_SHIFT = 40;

  private SparkKnn() {}

  /** Bytes a reference of this size takes in memory as float32 rows. */
  public static long referenceBytes(long rows, int dim) {
    return 4L * rows * dim;
  }

  /** The neighbours of a few queries (a sample the driver holds), searched in every reference partition and merged. */
  public static Neighbours ofSample(JavaRDD<VectorBlock> reference, Centroids centroids, float[] queries, int rows, int k, Metric metric) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(reference.context());
    Broadcast<float[]> shared = context.broadcast(queries);
    try {
      return reference.mapPartitionsWithIndex((partition, blocks) -> {
        ClusterIndex index = index(blocks, centroids);
        if (index == null) {
          return Collections.emptyIterator();
        }
        // A partition smaller than k gives all its rows: the merge takes the k nearest of all partitions.
        int found = (int) Math.min(k, index.size());
        return Collections.singletonList(new Partial(found, index.search(shared.value(), rows, found, metric).shifted((long) partition << PARTITION_SHIFT)))
            .iterator();
      }, false).reduce((a, b) -> merge(a, b, k)).complete(k);
    } finally {
      shared.destroy();
    }
  }

  /**
   * Each query block's neighbours, keyed by the block's position in {@code queries} (as
   * zipWithIndex numbers it): broadcast when the reference takes at most {@code broadcastBytes}, else
   * partitioned.
   */
  public static JavaPairRDD<Long, Neighbours> ofBlocks(JavaRDD<VectorBlock> queries, JavaRDD<VectorBlock> reference, long referenceRows,
      int dim, Centroids centroids, int k, Metric metric, long broadcastBytes) {
    JavaPairRDD<Long, VectorBlock> numbered = queries.zipWithIndex().mapToPair(Tuple2::swap);
    if (broadcasts(referenceRows, dim, broadcastBytes)) {
      ClusterIndex index = ClusterIndex.build(KnnReference.of(dim, reference.collect()), centroids);
      NearestNeighbours.check(index, k);
      Broadcast<ClusterIndex> shared = JavaSparkContext.fromSparkContext(queries.context()).broadcast(index);
      return numbered.mapValues(b -> shared.value().search(b.values(), b.rows(), k, metric));
    }
    JavaRDD<Tuple2<Integer, ClusterIndex>> indexes = reference.mapPartitionsWithIndex((partition, blocks) -> {
      ClusterIndex index = index(blocks, centroids);
      return index == null ? Collections.<Tuple2<Integer, ClusterIndex>>emptyIterator() : List.of(new Tuple2<>(partition, index)).iterator();
    }, false).persist(StorageLevel.MEMORY_AND_DISK_SER());
    return numbered.cartesian(indexes).mapToPair(pair -> {
      VectorBlock block = pair._1()._2();
      ClusterIndex index = pair._2()._2();
      int found = (int) Math.min(k, index.size());
      Neighbours partial = index.search(block.values(), block.rows(), found, metric).shifted((long) pair._2()._1() << PARTITION_SHIFT);
      return new Tuple2<>(pair._1()._1(), new Partial(found, partial));
    }).reduceByKey((a, b) -> merge(a, b, k)).mapValues(p -> p.complete(k));
  }

  /** Whether {@link #ofBlocks} broadcasts a reference of this size. */
  public static boolean broadcasts(long referenceRows, int dim, long broadcastBytes) {
    return referenceBytes(referenceRows, dim) <= broadcastBytes;
  }

  /** One part's answer; k is below the wanted k when the part has fewer rows. */
  private record Partial(int k, Neighbours neighbours) implements java.io.Serializable {
    Neighbours complete(int wanted) {
      if (k < wanted) {
        throw new IllegalArgumentException("the reference has fewer than k = " + wanted + " vectors");
      }
      return neighbours;
    }
  }

  /** The nearest min(wanted, both parts' rows) of two parts' answers, which may have fewer than wanted (a small partition's). */
  private static Partial merge(Partial a, Partial b, int wanted) {
    if (a.k() == wanted && b.k() == wanted) {
      return new Partial(wanted, a.neighbours().merge(b.neighbours()));
    }
    int k = Math.min(wanted, a.k() + b.k());
    return new Partial(k, padded(a.neighbours(), k).merge(padded(b.neighbours(), k)));
  }

  /** The neighbours with infinitely far placeholders up to k, so a merge never picks them over a real row. */
  private static Neighbours padded(Neighbours n, int k) {
    if (n.k() == k) {
      return n;
    }
    int queries = n.queries();
    double[] distances = new double[queries * k];
    long[] ids = new long[queries * k];
    for (int q = 0; q < queries; q++) {
      for (int i = 0; i < k; i++) {
        distances[q * k + i] = i < n.k() ? n.distance(q, i) : Double.POSITIVE_INFINITY;
        ids[q * k + i] = i < n.k() ? n.id(q, i) : Long.MAX_VALUE;
      }
    }
    return new Neighbours(k, distances, ids, n.comparisons());
  }

  /** One partition's blocks under the centroids; null for an empty partition. */
  private static ClusterIndex index(Iterator<VectorBlock> blocks, Centroids centroids) {
    List<VectorBlock> all = new ArrayList<>();
    blocks.forEachRemaining(all::add);
    if (all.stream().mapToInt(VectorBlock::rows).sum() == 0) {
      return null;
    }
    return ClusterIndex.build(KnnReference.of(centroids.dim(), all), centroids);
  }
}
