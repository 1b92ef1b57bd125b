package llmops.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import llmops.udfs.vectors.VectorBlock;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * How the cached blocks of vectors are spread over partitions, and an even spread when the reader's
 * is not. Every pass of the analysis runs one task per partition, so the pass lasts as long as the
 * busiest core: a gzip file read whole, or Parquet row groups of 128 and 59 MB side by side, leave
 * cores idle in every one of dozens of passes. One shuffle of the blocks, made once, costs less than
 * that whenever the spread is worse than {@link #ACCEPTED_BALANCE}.
 */
public final class BlockPartitions {
  /** A spread that loses less than this share of the cores' time is kept as read. */
  static final double ACCEPTED_BALANCE = 0.9;
  /** Partitions per core when spreading anew: two waves, so one slow task (GC, a busy core) can be made up. */
  static final int PARTITIONS_PER_CORE = 2;

  private BlockPartitions() {}

  /**
   * The spread of the blocks the passes run on, for the summary.
   *
   * @param balance the ideal time of a pass (all rows over all cores) over the time its busiest core
   *     takes when tasks go in order to the first free core, as Spark schedules them: 1 is perfect
   */
  public record Layout(int cores, int readPartitions, int partitions, long rowsMin, long rowsMax, double balance, boolean rebalanced) {}

  /** The blocks to compute on and how they are spread. */
  public record Spread(JavaRDD<VectorBlock> blocks, Layout layout) {}

  /**
   * The blocks as read when their spread is good enough, else spread evenly over
   * {@link #PARTITIONS_PER_CORE} partitions per core, cached and counted once.
   *
   * @param blockRows per read partition, the rows of each of its blocks in order
   */
  public static Spread spread(JavaRDD<VectorBlock> blocks, List<long[]> blockRows, int cores) {
    long[] asRead = rowsPerPartition(blockRows);
    double readBalance = balance(asRead, cores);
    long[] all = blockRows.stream().flatMapToLong(Arrays::stream).toArray();
    int partitions = Math.max(1, Math.min(all.length, PARTITIONS_PER_CORE * cores));
    int[] target = plan(all, partitions);
    long[] planned = new long[partitions];
    for (int b = 0; b < all.length; b++) {
      planned[target[b]] += all[b];
    }
    double plannedBalance = balance(planned, cores);
    if (readBalance >= ACCEPTED_BALANCE || plannedBalance <= readBalance) {
      return new Spread(blocks, layout(cores, asRead.length, asRead, readBalance, false));
    }
    int[] first = new int[blockRows.size()];
    for (int p = 1; p < first.length; p++) {
      first[p] = first[p - 1] + blockRows.get(p - 1).length;
    }
    // Keyed by the block's place in the input, and sorted by it in each new partition, so a pass
    // meets the blocks in the same order on every run.
    JavaRDD<VectorBlock> even = blocks.mapPartitionsWithIndex((p, it) -> {
      List<Tuple2<Integer, VectorBlock>> keyed = new ArrayList<>();
      int index = first[p];
      while (it.hasNext()) {
        keyed.add(new Tuple2<>(index++, it.next()));
      }
      return keyed.iterator();
    }, true).mapToPair(t -> t).repartitionAndSortWithinPartitions(new Planned(target, partitions)).values()
        .persist(StorageLevel.MEMORY_AND_DISK());
    even.count();
    return new Spread(even, layout(cores, asRead.length, planned, plannedBalance, true));
  }

  /** The spread as read, for a computation whose results depend on the reader's partitions (Spark MLlib's). */
  public static Layout asRead(List<long[]> blockRows, int cores) {
    long[] rows = rowsPerPartition(blockRows);
    return layout(cores, rows.length, rows, balance(rows, cores), false);
  }

  private static long[] rowsPerPartition(List<long[]> blockRows) {
    return blockRows.stream().mapToLong(rows -> Arrays.stream(rows).sum()).toArray();
  }

  private static Layout layout(int cores, int readPartitions, long[] rows, double balance, boolean rebalanced) {
    return new Layout(cores, readPartitions, rows.length, Arrays.stream(rows).min().orElse(0), Arrays.stream(rows).max().orElse(0),
        balance, rebalanced);
  }

  /** Ideal over actual time of one pass: tasks of these sizes, in order, each to the core that frees first. */
  static double balance(long[] rowsPerPartition, int cores) {
    long total = Arrays.stream(rowsPerPartition).sum();
    if (total == 0) {
      return 1.0;
    }
    long[] load = new long[Math.max(1, cores)];
    for (long rows : rowsPerPartition) {
      int free = 0;
      for (int c = 1; c < load.length; c++) {
        free = load[c] < load[free] ? c : free;
      }
      load[free] += rows;
    }
    long busiest = Arrays.stream(load).max().getAsLong();
    return (double) total / load.length / busiest;
  }

  /** Each block's partition: largest blocks first, each to the partition with the fewest rows so far (ties: the lowest index). */
  static int[] plan(long[] blockRows, int partitions) {
    Integer[] order = new Integer[blockRows.length];
    for (int b = 0; b < order.length; b++) {
      order[b] = b;
    }
    Arrays.sort(order, Comparator.<Integer>comparingLong(b -> -blockRows[b]).thenComparingInt(b -> b));
    PriorityQueue<long[]> loads = new PriorityQueue<>(Comparator.<long[]>comparingLong(l -> l[0]).thenComparingLong(l -> l[1]));
    for (int p = 0; p < partitions; p++) {
      loads.add(new long[] {0, p});
    }
    int[] target = new int[blockRows.length];
    for (int b : order) {
      long[] least = loads.poll();
      target[b] = (int) least[1];
      least[0] += blockRows[b];
      loads.add(least);
    }
    return target;
  }

  /** Sends block i to the partition the plan gave it. */
  private static final class Planned extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int[] target;
    private final int partitions;

    Planned(int[] target, int partitions) {
      this.target = target;
      this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
      return partitions;
    }

    @Override
    public int getPartition(Object key) {
      return target[(Integer) key];
    }
  }
}
