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
 * error are counted by reason and left out of the means.
 */
record EvaluationResults(String model, long records, long scored, Map<String, Long> errorsByReason, EvalScores scores,
    Map<String, EvalScores> categoryScores) {

  static final String ALL = "";

  static List<EvaluationResults> of(Dataset<Row> scored, EvaluationConfig config) {
    List<String> scoreNames = EvaluationScores.scoreColumns(config);
    boolean categories = config.dataset().category() != null;
    Map<String, Map<String, Map<String, Object>>> byModel = new TreeMap<>();
    List<Row> rows = new ArrayList<>(means(scored, scoreNames, config, lit(ALL)));
    if (categories) {
      rows.addAll(means(scored.where(col("category").isNotNull()), scoreNames, config, col("category")));
    }
    for (Row row : rows) {
      byModel.computeIfAbsent(row.getString(0), m -> new TreeMap<>()).put(row.getString(1), rowScores(row, scoreNames, config));
    }
    if (config.algorithm("classification_accuracy").isPresent()) {
      addClassification(scored, byModel);
    }
    Map<String, Map<String, Long>> errors = new TreeMap<>();
    for (Row row : scored.where(col("error_reason").isNotNull()).groupBy("model", "error_reason").count().collectAsList()) {
      errors.computeIfAbsent(row.getString(0), m -> new TreeMap<>()).put(row.getString(1), row.getLong(2));
    }
    List<EvaluationResults> results = new ArrayList<>();
    for (Map.Entry<String, Map<String, Map<String, Object>>> model : byModel.entrySet()) {
      Map<String, Map<String, Object>> perCategory = new TreeMap<>(model.getValue());
      Map<String, Object> overall = perCategory.remove(ALL);
      long records = (Long) overall.remove("records");
      long ok = (Long) overall.remove("scored");
      perCategory.values().forEach(c -> c.remove("scored"));
      Map<String, EvalScores> categoryScores = new TreeMap<>();
      perCategory.forEach((category, values) -> categoryScores.put(category, scores(values)));
      results.add(new EvaluationResults(model.getKey(), records, ok, errors.getOrDefault(model.getKey(), Map.of()), scores(overall),
          categoryScores));
    }
    return results;
  }

  /** A group's aggregates as scores: its record count (categories), the means in the order computed, the confusion matrix. */
  @SuppressWarnings("unchecked")
  private static EvalScores scores(Map<String, Object> values) {
    Map<String, Object> rest = new LinkedHashMap<>(values);
    Long records = (Long) rest.remove(EvalScores.RECORDS);
    Map<String, Map<String, Long>> matrix = (Map<String, Map<String, Long>>) rest.remove(EvalScores.CONFUSION_MATRIX);
    Map<String, Double> means = new LinkedHashMap<>();
    rest.forEach((name, mean) -> means.put(name, (Double) mean));
    return new EvalScores(records, means, matrix);
  }

  /** One row per model and group (the whole dataset or a category): counts, score means and summed BLEU statistics. */
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
    return scored.groupBy(col("model"), group.as("group")).agg(count(lit(1)).as("records"), aggregates.toArray(Column[]::new)).collectAsList();
  }

  private static Map<String, Object> rowScores(Row row, List<String> scoreNames, EvaluationConfig config) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("records", row.getLong(2));
    out.put("scored", row.isNullAt(3) ? 0L : row.getLong(3));
    int next = 4;
    for (String name : scoreNames) {
      if (!row.isNullAt(next)) {
        out.put(name, row.getDouble(next));
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
        out.put("bleu_corpus", SacreBleu.corpusBleu(BleuStatistics.fromArray(statistics)));
      }
    }
    return out;
  }

  /** scikit-learn's dataset-level classification scores, from the confusion matrix of each model and category. */
  private static void addClassification(Dataset<Row> scored, Map<String, Map<String, Map<String, Object>>> byModel) {
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
      Map<String, Object> target = byModel.get(model).get(category);
      if (target != null) {
        target.put("balanced_accuracy_score", matrix.balancedAccuracy());
        target.put("precision_score", matrix.microPrecision());
        target.put("recall_score", matrix.microRecall());
        target.put("confusion_matrix", matrix.counts());
      }
    }));
  }
}
