package llmops.eval;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import llmops.udfs.eval.ConfusionMatrix;
import llmops.udfs.text.BleuStatistics;
import llmops.udfs.text.SacreBleu;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Dataset-level results of one model, overall and per category, as fmeval reports them: the mean of
 * every per-record score over the scored records; for classification the scikit-learn scores and the
 * confusion matrix; for summarization also the corpus BLEU of all records together. Records with an
 * error are counted by reason and left out of the means. With {@code statistics.bootstrap_replicates}
 * above 0, every mean and corpus BLEU also get a bootstrap percentile interval, from an aggregate in
 * the same pass ({@link BootstrapAggregation}); the classification scores computed from the
 * confusion matrix do not.
 */
record EvaluationResults(String model, long records, long scored, Map<String, Long> errorsByReason, EvalScores scores,
    Map<String, EvalScores> categoryScores) {

  /** A model's aggregates over one group of records (the whole dataset or a category), filled as they are computed. */
  private static final class Group {
    long records;
    long scored;
    /** Whether the means come from the group's scored records (rather than from a row of its errors, which has none). */
    boolean filled;
    final Map<String, Double> means = new LinkedHashMap<>();
    Map<String, EvalScores.Interval> intervals;
    Map<String, Map<String, Long>> confusionMatrix;

    /** As stored: a category's scores give its record count, the whole dataset's leave it to the run. */
    EvalScores scores(boolean category) {
      return new EvalScores(category ? records : null, means, intervals, confusionMatrix);
    }
  }

  /**
   * A model's groups: the whole dataset apart from its categories, so that no category name (not even
   * an empty one) can stand for the whole.
   */
  private static final class Groups {
    final Group whole = new Group();
    final Map<String, Group> categories = new TreeMap<>();

    /** {@code category} null: the whole dataset. */
    Group of(String category) {
      return category == null ? whole : categories.computeIfAbsent(category, c -> new Group());
    }
  }

  static List<EvaluationResults> of(Dataset<Row> scored, EvaluationConfig config) {
    List<String> scoreNames = EvaluationScores.scoreColumns(config);
    Map<String, Groups> byModel = new TreeMap<>();
    Map<String, Map<String, Long>> errors = new TreeMap<>();
    List<Row> rows = aggregates(scored, scoreNames, config);
    // The whole dataset's groups first, then the categories', as they were filled before both came from one pass.
    rows.sort(Comparator.comparing((Row row) -> !row.getBoolean(1)));
    for (Row row : rows) {
      String model = row.getString(0);
      Group out = byModel.computeIfAbsent(model, m -> new Groups()).of(row.getBoolean(1) ? null : row.getString(2));
      boolean scoredRow = row.isNullAt(3);
      out.records += row.getLong(4);
      if (scoredRow || !out.filled) {
        // Records with an error have no scores: the group's means and bootstrap state are those of its records without one.
        fill(out, row, scoreNames, config);
        out.filled = scoredRow;
      }
      if (!scoredRow && row.getBoolean(1)) {
        errors.computeIfAbsent(model, m -> new TreeMap<>()).put(row.getString(3), row.getLong(4));
      }
    }
    if (config.algorithm("classification_accuracy").isPresent()) {
      addClassification(scored, byModel);
    }
    List<EvaluationResults> results = new ArrayList<>();
    for (Map.Entry<String, Groups> model : byModel.entrySet()) {
      Group overall = model.getValue().whole;
      Map<String, EvalScores> categoryScores = new TreeMap<>();
      model.getValue().categories.forEach((category, group) -> categoryScores.put(category, group.scores(true)));
      results.add(new EvaluationResults(model.getKey(), overall.records, overall.scored, errors.getOrDefault(model.getKey(), Map.of()),
          overall.scores(false), categoryScores));
    }
    return results;
  }

  /**
   * One pass over the records: a row per model, group (the whole dataset, flagged, or a category)
   * and error reason (null for the scored records), with the record count, the score means, the
   * summed BLEU statistics and, when configured, the bootstrap's state. A record is counted in the
   * whole dataset and in its category, if it has one.
   */
  private static List<Row> aggregates(Dataset<Row> scored, List<String> scoreNames, EvaluationConfig config) {
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(sum(when(col("error_reason").isNull(), 1).otherwise(0)).as("scored"));
    for (String name : scoreNames) {
      aggregates.add(avg(col(name)).as(name));
    }
    if (config.algorithm("summarization_accuracy").isPresent()) {
      for (int i = 0; i < BleuStatistics.SIZE; i++) {
        aggregates.add(sum(element_at(col(EvaluationScores.BLEU_STATISTICS), i + 1)).as("bleu_statistic_" + i));
      }
    }
    if (config.statistics().enabled()) {
      aggregates.add(BootstrapAggregation.column(scoreNames, config.algorithm("summarization_accuracy").isPresent(), config.statistics())
          .as("bootstrap"));
    }
    Column whole = struct(lit(true).as("whole"), lit(null).cast(DataTypes.StringType).as("category"));
    Dataset<Row> grouped = config.dataset().category() == null ? scored.withColumn("_group", whole)
        : scored.withColumn("_group", explode(filter(array(whole, struct(lit(false).as("whole"), col("category").as("category"))),
            g -> g.getField("whole").or(g.getField("category").isNotNull()))));
    return new ArrayList<>(grouped.groupBy(col("model"), col("_group.whole").as("whole"), col("_group.category").as("group"), col("error_reason"))
        .agg(count(lit(1)).as("records"), aggregates.toArray(Column[]::new)).collectAsList());
  }

  private static void fill(Group out, Row row, List<String> scoreNames, EvaluationConfig config) {
    out.scored = row.isNullAt(5) ? 0L : row.getLong(5);
    out.means.clear();
    int next = 6;
    for (String name : scoreNames) {
      if (!row.isNullAt(next)) {
        out.means.put(name, row.getDouble(next));
      }
      next++;
    }
    if (config.algorithm("summarization_accuracy").isPresent()) {
      long[] statistics = new long[BleuStatistics.SIZE];
      boolean any = false;
      for (int i = 0; i < statistics.length; i++, next++) {
        any |= !row.isNullAt(next);
        statistics[i] = row.isNullAt(next) ? 0 : row.getLong(next);
      }
      if (any) {
        out.means.put("bleu_corpus", SacreBleu.corpusBleu(BleuStatistics.fromArray(statistics)));
      }
    }
    if (config.statistics().enabled()) {
      out.intervals = BootstrapAggregation.intervals((byte[]) row.get(next), scoreNames, config.statistics().confidence(),
          out.means.containsKey("bleu_corpus"), out.means);
    }
  }

  /** scikit-learn's dataset-level classification scores, from the confusion matrix of each model and category. */
  private static void addClassification(Dataset<Row> scored, Map<String, Groups> byModel) {
    // Keyed by the group itself (identity): the whole dataset's and each category's matrix.
    Map<Group, ConfusionMatrix> matrices = new IdentityHashMap<>();
    List<Row> cells = scored.where(col(EvaluationScores.CLASSIFIED_OUTPUT).isNotNull())
        .groupBy(col("model"), col("category"), col("target_output"), col(EvaluationScores.CLASSIFIED_OUTPUT)).count().collectAsList();
    for (Row cell : cells) {
      Groups model = byModel.get(cell.getString(0));
      if (model == null) {
        continue;
      }
      matrices.computeIfAbsent(model.whole, g -> new ConfusionMatrix()).add(cell.getString(2), cell.getString(3), cell.getLong(4));
      if (!cell.isNullAt(1) && model.categories.containsKey(cell.getString(1))) {
        matrices.computeIfAbsent(model.categories.get(cell.getString(1)), g -> new ConfusionMatrix())
            .add(cell.getString(2), cell.getString(3), cell.getLong(4));
      }
    }
    matrices.forEach((target, matrix) -> {
      target.means.put("balanced_accuracy_score", matrix.balancedAccuracy());
      target.means.put("precision_score", matrix.microPrecision());
      target.means.put("recall_score", matrix.microRecall());
      target.confusionMatrix = matrix.counts();
    });
  }
}
