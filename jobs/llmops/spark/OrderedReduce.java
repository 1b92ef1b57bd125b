package llmops.spark;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.Function2;

/**
 * One pass over the data that folds each partition into a partial result and merges the partials
 * on the driver in partition order. Unlike RDD.aggregate, whose merge order follows task
 * completion, the floating-point sums come out the same on every run, so seeded K-Means is
 * reproducible to the last bit.
 */
public final class OrderedReduce {
  /** Partials held on the driver at once; larger inputs are folded in groups of partitions first. */
  private static final long DRIVER_BUDGET_BYTES = 512L << 20;

  private OrderedReduce() {}

  public static <T, P extends Serializable> P reduce(
      JavaRDD<T> data, long partialBytes, Function<Iterator<T>, P> partial, Function2<P, P, P> merge) throws Exception {
    int partitions = data.getNumPartitions();
    int affordable = (int) Math.max(1, DRIVER_BUDGET_BYTES / Math.max(1, partialBytes));
    int parallelism = data.context().defaultParallelism();
    JavaRDD<T> grouped = partitions > affordable ? data.coalesce(Math.max(affordable, parallelism)) : data;
    List<P> partials = grouped.mapPartitions(rows -> Collections.singletonList(partial.call(rows)).iterator()).collect();
    P total = partials.get(0);
    for (int i = 1; i < partials.size(); i++) {
      total = merge.call(total, partials.get(i));
    }
    return total;
  }
}
