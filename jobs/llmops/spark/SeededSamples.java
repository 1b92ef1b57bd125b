package llmops.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import llmops.udfs.vectors.SeededSample;
import llmops.udfs.vectors.VectorBlock;
import org.apache.spark.api.java.JavaRDD;

/**
 * Seeded samples of cached blocks ({@link SeededSample}), any number drawn together in the same two
 * passes: the first finds each sample's cut from keys alone, the second collects the rows under it,
 * so only the samples themselves travel to the driver.
 */
public final class SeededSamples {
  private SeededSamples() {}

  /** One sample: at most {@code size} vectors, chosen by {@code seed}. */
  public record Spec(int size, long seed) implements Serializable {}

  /** The samples, in the order of {@code specs}. */
  public static List<SeededSample.Rows> draw(JavaRDD<VectorBlock> blocks, int dim, List<Spec> specs) throws Exception {
    ArrayList<Spec> wanted = new ArrayList<>(specs);
    long total = wanted.stream().mapToLong(Spec::size).sum();
    ArrayList<SeededSample.Threshold> cuts = OrderedReduce.reduce(blocks, 8L * total, it -> {
      ArrayList<SeededSample.Threshold> partial = new ArrayList<>();
      wanted.forEach(s -> partial.add(new SeededSample.Threshold(s.size(), s.seed())));
      it.forEachRemaining(block -> partial.forEach(t -> t.add(block)));
      return partial;
    }, (a, b) -> {
      for (int i = 0; i < a.size(); i++) {
        a.get(i).merge(b.get(i));
      }
      return a;
    });
    long[] thresholds = cuts.stream().mapToLong(SeededSample.Threshold::value).toArray();
    return OrderedReduce.reduce(blocks, 8L * dim * total, it -> { // up to twice the sample between trims
      ArrayList<SeededSample.Rows> partial = new ArrayList<>();
      for (int i = 0; i < wanted.size(); i++) {
        partial.add(new SeededSample.Rows(wanted.get(i).size(), wanted.get(i).seed(), thresholds[i]));
      }
      it.forEachRemaining(block -> partial.forEach(r -> r.add(block)));
      return partial;
    }, (a, b) -> {
      for (int i = 0; i < a.size(); i++) {
        a.get(i).merge(b.get(i));
      }
      return a;
    });
  }
}
