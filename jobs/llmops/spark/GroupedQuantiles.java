package llmops.spark;

import java.io.Serializable;
import llmops.udfs.stats.GroupSummary;
import llmops.udfs.stats.QuantileSearch;
import org.apache.spark.api.java.JavaRDD;

/**
 * Count, mean, standard deviation, extremes and exact quantiles of numbered groups of values drawn
 * from an RDD: one pass for the summaries, then the passes {@link QuantileSearch} needs (usually two).
 */
public final class GroupedQuantiles {
  private GroupedQuantiles() {}

  /** Where a record's values go: {@code add(group, value)} once per value. */
  public interface Sink {
    void add(int group, double value);
  }

  /** Emits the values of one record into a sink; must be serialisable, as it runs in tasks. */
  public interface Emitter<T> extends Serializable {
    void emit(T record, Sink sink);
  }

  public record Result(GroupSummary summary, QuantileSearch quantiles) {}

  public static <T> Result of(JavaRDD<T> data, int groups, double[] probabilities, Emitter<T> emitter) throws Exception {
    GroupSummary summary = OrderedReduce.reduce(data, 40L * groups, it -> {
      GroupSummary s = new GroupSummary(groups);
      it.forEachRemaining(record -> emitter.emit(record, s::add));
      return s;
    }, GroupSummary::merge);
    QuantileSearch search = new QuantileSearch(summary, probabilities);
    while (!search.done()) {
      QuantileSearch current = search;
      QuantileSearch.Pass pass = OrderedReduce.reduce(data, 8L * 4096 * 2 * probabilities.length * groups, it -> {
        QuantileSearch.Pass p = current.pass();
        it.forEachRemaining(record -> emitter.emit(record, p::add));
        return p;
      }, QuantileSearch.Pass::merge);
      search.advance(pass);
    }
    return new Result(summary, search);
  }
}
