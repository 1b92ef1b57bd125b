package llmops.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmops.udfs.stats.BootstrapMeans;
import llmops.udfs.text.BleuStatistics;
import llmops.udfs.text.SacreBleu;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Aggregator;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Poisson bootstrap of a group's score means ({@link BootstrapMeans}) as a Spark aggregate, so
 * it runs in the same {@code groupBy().agg()} as the means themselves: each task keeps one state per
 * group, the states are merged, and the merged state comes back to the driver (a few hundred KB a
 * group) to give every mean its percentile interval, and corpus BLEU its interval from the resampled
 * sentence statistics. The records' weights depend on {@code record_id} and the seed only.
 */
final class BootstrapAggregation {
  private BootstrapAggregation() {}

  /** The aggregate column over {@code record_id}, the score columns and, when present, the BLEU statistics. */
  static Column column(List<String> scoreNames, boolean bleu, EvaluationConfig.Statistics statistics) {
    List<StructField> fields = new ArrayList<>();
    List<Column> inputs = new ArrayList<>();
    fields.add(DataTypes.createStructField("record_id", DataTypes.StringType, true));
    inputs.add(functions.col("record_id"));
    for (String name : scoreNames) {
      fields.add(DataTypes.createStructField(name, DataTypes.DoubleType, true));
      inputs.add(functions.col(name).cast(DataTypes.DoubleType));
    }
    if (bleu) {
      fields.add(DataTypes.createStructField(EvaluationScores.BLEU_STATISTICS, DataTypes.createArrayType(DataTypes.LongType, true), true));
      inputs.add(functions.col(EvaluationScores.BLEU_STATISTICS));
    }
    Aggregator<Row, BootstrapMeans, byte[]> aggregator = new Resampling(scoreNames.size(), bleu, statistics);
    return functions.udaf(aggregator, Encoders.row(DataTypes.createStructType(fields))).apply(inputs.toArray(Column[]::new));
  }

  /** Each score's interval (those with at least one value), and corpus BLEU's as {@code bleu_corpus}, from the aggregate's bytes. */
  static Map<String, EvalScores.Interval> intervals(byte[] state, List<String> scoreNames, double confidence, boolean hasBleuCorpus,
      Map<String, Double> means) {
    BootstrapMeans bootstrap = StateBytes.read(state, BootstrapMeans.class);
    Map<String, EvalScores.Interval> intervals = new LinkedHashMap<>();
    for (int i = 0; i < scoreNames.size(); i++) {
      if (means.containsKey(scoreNames.get(i))) {
        intervals.put(scoreNames.get(i), EvalScores.Interval.of(bootstrap.interval(i, confidence)));
      }
    }
    if (hasBleuCorpus) {
      intervals.put("bleu_corpus", EvalScores.Interval.of(
          bootstrap.statisticInterval(s -> SacreBleu.corpusBleu(BleuStatistics.fromArray(s)), confidence)));
    }
    return intervals;
  }

  private static final class Resampling extends Aggregator<Row, BootstrapMeans, byte[]> {
    private static final long serialVersionUID = 1L;
    private final int scores;
    private final boolean bleu;
    private final int replicates;
    private final long seed;

    Resampling(int scores, boolean bleu, EvaluationConfig.Statistics statistics) {
      this.scores = scores;
      this.bleu = bleu;
      this.replicates = statistics.bootstrapReplicates();
      this.seed = statistics.seed();
    }

    @Override
    public BootstrapMeans zero() {
      return new BootstrapMeans(scores, bleu ? BleuStatistics.SIZE : 0, replicates, seed);
    }

    @Override
    public BootstrapMeans reduce(BootstrapMeans state, Row record) {
      double[] values = new double[scores];
      boolean any = false;
      for (int i = 0; i < scores; i++) {
        values[i] = record.isNullAt(i + 1) ? Double.NaN : record.getDouble(i + 1);
        any |= !record.isNullAt(i + 1);
      }
      long[] statistics = null;
      if (bleu && !record.isNullAt(scores + 1)) {
        List<Long> list = record.getList(scores + 1);
        statistics = list.stream().mapToLong(Long::longValue).toArray();
      }
      // A record with no score (an error) is in no mean: drawing its weights would only cost time.
      if (any || statistics != null) {
        state.add(record.getString(0), values, statistics);
      }
      return state;
    }

    @Override
    public BootstrapMeans merge(BootstrapMeans a, BootstrapMeans b) {
      return a.merge(b);
    }

    @Override
    public byte[] finish(BootstrapMeans state) {
      return StateBytes.of(state);
    }

    @Override
    public Encoder<BootstrapMeans> bufferEncoder() {
      return Encoders.javaSerialization(BootstrapMeans.class);
    }

    @Override
    public Encoder<byte[]> outputEncoder() {
      return Encoders.BINARY();
    }
  }

}
