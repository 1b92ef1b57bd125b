package llmops.eval;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
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

  static final String ALL = "";

  /** A model's aggregates over one group of records (the whole dataset or a category), filled as they are computed. */
  private static final class Group {
    long records;
    long scored;
    final Map<String, Double> means = new LinkedHashMap<>();
    Map<String, EvalScores.Interval> intervals;
    Map<String, Map<String, Long>> confusionMatrix;

    /** As stored: a category's scores give its record count, the whole dataset's leave it to the run. */
    EvalScores scores(boolean category) {
      return new EvalScores(category ? records : null, means, intervals, confusionMatrix);
    }
  }

  static List<EvaluationResults> of(Dataset<Row> scored, EvaluationConfig config) {
    List<String> scoreNames = EvaluationScores.scoreColumns(config);
    boolean categories = config.dataset().category() != null;
    Map<String, Map<String, Group>> byModel = new TreeMap<>();
    List<Row> rows = new ArrayList<>(means(scored, scoreNames, config, lit(ALL)));
    if (categories) {
      rows.addAll(means(scored.where(col("category").isNotNull()), scoreNames, config, col("category")));
    }
    for (Row row : rows) {
      byModel.computeIfAbsent(row.getString(0), m -> new TreeMap<>()).put(row.getString(1), group(row, scoreNames, config));
    }
    if (config.algorithm("classification_accuracy").isPresent()) {
      addClassification(scored, byModel);
    }
    Map<String, Map<String, Long>> errors = new TreeMap<>();
    for (Row row : scored.where(col("error_reason").isNotNull()).groupBy("model", "error_reason").count().collectAsList()) {
      errors.computeIfAbsent(row.getString(0), m -> new TreeMap<>()).put(row.getString(1), row.getLong(2));
    }
    List<EvaluationResults> results = new ArrayList<>();
    for (Map.Entry<String, Map<String, Group>> model : byModel.entrySet()) {
      Map<String, Group> perCategory = new TreeMap<>(model.getValue());
      Group overall = perCategory.remove(ALL);
      Map<String, EvalScores> categoryScores = new TreeMap<>();
      perCategory.forEach((category, group) -> categoryScores.put(category, group.scores(true)));
      results.add(new EvaluationResults(model.getKey(), overall.records, overall.scored, errors.getOrDefault(model.getKey(), Map.of()),
          overall.scores(false), categoryScores));
    }
    return results;
  }

  /**
   * One row per model and group (the whole dataset or a category): counts, score means, summed BLEU
   * statistics and, when configured, the bootstrap's state.
   */
  private static List<Row> means(Dataset<Row> scored, List<String> scoreNames, EvaluationConfig config, Column group) {
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
    return scored.groupBy(col("model"), group.as("group")).agg(count(lit(1)).as("records"), aggregates.toArray(Column[]::new)).collectAsList();
  }

  private static Group group(Row row, List<String> scoreNames, EvaluationConfig config) {
    Group out = new Group();
    out.records = row.getLong(2);
    out.scored = row.isNullAt(3) ? 0L : row.getLong(3);
    int next = 4;
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
    return out;
  }

  /** scikit-learn's dataset-level classification scores, from the confusion matrix of each model and category. */
  private static void addClassification(Dataset<Row> scored, Map<String, Map<String, Group>> byModel) {
    Map<String, Map<String, ConfusionMatrix>> matrices = new TreeMap<>();
    List<Row> cells = scored.where(col(EvaluationScores.CLASSIFIED_OUTPUT).isNotNull())
        .groupBy(col("model"), col("category"), col("target_output"), col(EvaluationScores.CLASSIFIED_OUTPUT)).count().collectAsList();
    for (Row cell : cells) {
      Map<String, ConfusionMatrix> model = matrices.computeIfAbsent(cell.getString(0), m -> new TreeMap<>());
      model.computeIfAbsent(ALL, c -> new ConfusionMatrix()).add(cell.getString(2), cell.getString(3), cell.getLong(4));
      if (!cell.isNullAt(1)) {
        model.computeIfAbsent(cell.getString(1), c -> new ConfusionMatrix()).add(cell.getString(2), cell.getString(3), cell.getLong(4));
      }
    }
    matrices.forEach((model, perCategory) -> perCategory.forEach((category, matrix) -> {
      Group target = byModel.get(model).get(category);
      if (target != null) {
        target.means.put("balanced_accuracy_score", matrix.balancedAccuracy());
        target.means.put("precision_score", matrix.microPrecision());
        target.means.put("recall_score", matrix.microRecall());
        target.confusionMatrix = matrix.counts();
      }
    }));
  }
}
