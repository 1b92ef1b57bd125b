package llmops.drift;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import llmops.io.EmbeddingInput;
import llmops.io.InputFormat;
import llmops.io.LineSplits;
import org.apache.hadoop.fs.Path;
import org.apache.spark.Partition;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.FilePartition;
import org.apache.spark.sql.execution.datasources.PartitionedFile;

/**
 * Seed-format lines partitioned exactly as the AWS sample reads them,
 * {@code spark.read.option("recursiveFileLookup", "true").text(path)}: the byte ranges and their
 * order come from the plan of Spark's own text source (which follows spark.sql.files.* and the
 * default parallelism), and the project's reader reads them, so bad lines are still quarantined
 * by its rules while the good ones keep the partition and the order Spark would give them.
 * MLlib's K-Means and PCA then see the rows the sample's do, in the same order.
 */
final class SparkTextPartitioning implements EmbeddingInput.LinePartitioning {
  private final SparkSession spark;
  private final String dataPath;

  SparkTextPartitioning(SparkSession spark, String dataPath) {
    this.spark = spark;
    this.dataPath = dataPath;
  }

  @Override
  public List<List<LineSplits.Split>> partitions(List<LineSplits.Split> splits, InputFormat format) {
    if (format != InputFormat.SEED) {
      // Exactness with the sample is a property of its own text format; other formats keep the usual splits.
      return EmbeddingInput.SPLIT_PER_PARTITION.partitions(splits, format);
    }
    Map<String, String> sources = new HashMap<>();
    splits.forEach(split -> sources.put(key(new Path(split.path())), split.source()));
    // Planning only: toRdd() builds the scan's RDD, whose partitions are the text source's FilePartitions; nothing is read.
    Partition[] planned = spark.read().option("recursiveFileLookup", "true").text(dataPath).queryExecution().toRdd().partitions();
    List<List<LineSplits.Split>> partitions = new ArrayList<>();
    for (Partition partition : planned) {
      List<LineSplits.Split> ranges = new ArrayList<>();
      for (PartitionedFile file : ((FilePartition) partition).files()) {
        Path path = file.toPath();
        String source = sources.get(key(path));
        if (source == null) {
          throw new IllegalStateException("Spark's text source reads " + path + ", which the input listing skips (hidden files"
              + " start with _ or .): the MLlib engine cannot read the rows the AWS sample would");
        }
        ranges.add(new LineSplits.Split(path.toString(), source, file.start(), file.length()));
      }
      partitions.add(List.copyOf(ranges));
    }
    return partitions;
  }

  /** The same file as the listing and Spark's plan name it (one may say file:/x, the other file:///x). */
  private static String key(Path path) {
    return path.toUri().getPath();
  }
}
