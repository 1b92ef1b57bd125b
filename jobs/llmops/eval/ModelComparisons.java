package llmops.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;

import java.util.ArrayList;
import java.util.List;
import llmops.udfs.stats.PairedComparison;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Aggregator;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Every pair of models compared on the records both scored, on one score: the records become one
 * row each with a column per model (matched by {@code record_id}), and one aggregate over them keeps a
 * {@link PairedComparison} per pair, so all pairs take one shuffle and one pass whatever their number.
 * The bootstrap draws are those of the models' own intervals (same seed, same record keys).
 */
final class ModelComparisons {
  private ModelComparisons() {}

  /** A pair's comparison: {@code modelA} minus {@code modelB}, in the order of {@code models}. */
  record Pair(String modelA, String modelB, PairedComparison.Result result) {}

  static List<Pair> compare(Dataset<Row> scored, List<String> models, String score, EvaluationConfig.Statistics statistics) {
    Dataset<Row> byRecord = scored.where(col(score).isNotNull().and(col("error_reason").isNull()))
        .groupBy("record_id").pivot("model", new ArrayList<Object>(models)).agg(first(col(score).cast(DataTypes.DoubleType)));
    List<StructField> fields = new ArrayList<>(List.of(DataTypes.createStructField("record_id", DataTypes.StringType, true)));
    List<Column> inputs = new ArrayList<>(List.of(col("record_id")));
    for (int m = 0; m < models.size(); m++) {
      fields.add(DataTypes.createStructField("m" + m, DataTypes.DoubleType, true));
      inputs.add(byRecord.col(byRecord.columns()[m + 1]));
    }
    Row row = byRecord.agg(functions.udaf(new AllPairs(models.size(), statistics), Encoders.row(DataTypes.createStructType(fields)))
        .apply(inputs.toArray(Column[]::new))).first();
    PairedComparison[] states = StateBytes.read((byte[]) row.get(0), PairedComparison[].class);
    List<Pair> pairs = new ArrayList<>();
    int k = 0;
    for (int a = 0; a < models.size(); a++) {
      for (int b = a + 1; b < models.size(); b++) {
        pairs.add(new Pair(models.get(a), models.get(b), states[k++].result(statistics.confidence())));
      }
    }
    return pairs;
  }

  private static final class AllPairs extends Aggregator<Row, PairedComparison[], byte[]> {
    private static final long serialVersionUID = 1L;
    private final int models;
    private final int replicates;
    private final long seed;

    AllPairs(int models, EvaluationConfig.Statistics statistics) {
      this.models = models;
      this.replicates = statistics.bootstrapReplicates();
      this.seed = statistics.seed();
    }

    @Override
    public PairedComparison[] zero() {
      PairedComparison[] states = new PairedComparison[models * (models - 1) / 2];
      for (int i = 0; i < states.length; i++) {
        states[i] = new PairedComparison(replicates, seed);
      }
      return states;
    }

    @Override
    public PairedComparison[] reduce(PairedComparison[] states, Row record) {
      int k = 0;
      for (int a = 0; a < models; a++) {
        for (int b = a + 1; b < models; b++, k++) {
          if (!record.isNullAt(a + 1) && !record.isNullAt(b + 1)) {
            states[k].add(record.getString(0), record.getDouble(a + 1), record.getDouble(b + 1));
          }
        }
      }
      return states;
    }

    @Override
    public PairedComparison[] merge(PairedComparison[] left, PairedComparison[] right) {
      for (int k = 0; k < left.length; k++) {
        left[k].merge(right[k]);
      }
      return left;
    }

    @Override
    public byte[] finish(PairedComparison[] states) {
      return StateBytes.of(states);
    }

    @Override
    public Encoder<PairedComparison[]> bufferEncoder() {
      return Encoders.javaSerialization(PairedComparison[].class);
    }

    @Override
    public Encoder<byte[]> outputEncoder() {
      return Encoders.BINARY();
    }
  }
}
