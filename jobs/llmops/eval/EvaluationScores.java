package llmops.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmops.udfs.embeddings.SentenceEmbedder;
import llmops.udfs.embeddings.SentenceModel;
import llmops.udfs.eval.ClassificationLabel;
import llmops.udfs.eval.FactualKnowledge;
import llmops.udfs.eval.QaAccuracy;
import llmops.udfs.eval.SemanticSimilarity;
import llmops.udfs.eval.SummarizationAccuracy;
import llmops.udfs.eval.TargetOutputs;
import llmops.udfs.eval.robustness.RobustnessDeltas;
import llmops.udfs.eval.robustness.WordErrorRate;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Adds each configured algorithm's per-record scores, in fmeval's score names, to the records:
 * the text metrics through Spark UDFs over the pure functions in {@code udfs/eval} and {@code
 * udfs/text}; semantic similarity batch by batch, since the sentence model is fastest on many texts
 * at once. A record with an error gets no scores (nulls).
 */
public final class EvaluationScores {
  static final String CLASSIFIED_OUTPUT = "classified_model_output";
  static final String BLEU_STATISTICS = "bleu_statistics";
  /** More distinct target outputs than this are not class labels. */
  private static final int MAX_LABELS = 1000;
  /** Records whose texts the sentence model sorts by length together before cutting them into forward passes. */
  private static final int EMBED_WINDOW = 512;

  private EvaluationScores() {}

  static Dataset<Row> score(SparkSession spark, Dataset<Row> records, EvaluationConfig config, List<String> validLabels) {
    Dataset<Row> scored = records;
    for (EvaluationConfig.Algorithm algorithm : config.algorithms()) {
      scored = switch (algorithm.kind()) {
        case FACTUAL_KNOWLEDGE -> {
          StructType type = struct(algorithm.kind().scores());
          yield withStruct(spark, scored, algorithm, type, (output, target) -> byName(type, FactualKnowledge.score(output,
              TargetOutputs.split(target, algorithm.targetOutputDelimiter()), FactualKnowledge.Operator.parse(algorithm.logicalOperator())).asMap()));
        }
        case QA_ACCURACY -> {
          StructType type = struct(algorithm.kind().scores());
          yield withStruct(spark, scored, algorithm, type,
              (output, target) -> byName(type, QaAccuracy.score(output, TargetOutputs.split(target, algorithm.targetOutputDelimiter())).asMap()));
        }
        case SUMMARIZATION_ACCURACY -> {
          StructType type = struct(algorithm.kind().scores()).add(BLEU_STATISTICS, DataTypes.createArrayType(DataTypes.LongType, false), true);
          yield withStruct(spark, scored, algorithm, type, (output, target) -> {
            SummarizationAccuracy s = SummarizationAccuracy.score(output, TargetOutputs.split(target, algorithm.targetOutputDelimiter()));
            Map<String, Object> values = new LinkedHashMap<>(s.asMap());
            values.put(BLEU_STATISTICS, s.bleuStatistics());
            return byName(type, values);
          });
        }
        case CLASSIFICATION_ACCURACY -> {
          ClassificationLabel labels = new ClassificationLabel(validLabels);
          yield withStruct(spark, scored, algorithm, DataTypes.createStructType(List.of(
                  DataTypes.createStructField(CLASSIFIED_OUTPUT, DataTypes.StringType, false),
                  DataTypes.createStructField(ClassificationLabel.SCORE, DataTypes.DoubleType, false))),
              (output, target) -> {
                String predicted = labels.predict(output);
                return RowFactory.create(predicted, ClassificationLabel.accuracy(predicted, target));
              });
        }
        case SEMANTIC_SIMILARITY -> withSemanticSimilarity(scored, algorithm.targetOutputDelimiter(), algorithm.embeddingModel());
        case GENERAL_SEMANTIC_ROBUSTNESS -> withRobustness(spark, scored, algorithm,
            // singletonMap: the error rate is null when the original output has no words.
            (original, perturbed, target) -> Collections.singletonMap(WordErrorRate.SCORE, WordErrorRate.of(original, perturbed)));
        case QA_ACCURACY_SEMANTIC_ROBUSTNESS -> withRobustness(spark, scored, algorithm,
            (original, perturbed, target) -> RobustnessDeltas.qaAccuracy(original, perturbed,
                TargetOutputs.split(target, algorithm.targetOutputDelimiter())));
        case SUMMARIZATION_ACCURACY_SEMANTIC_ROBUSTNESS -> withRobustness(spark, scored, algorithm,
            (original, perturbed, target) -> RobustnessDeltas.summarizationAccuracy(original, perturbed,
                TargetOutputs.split(target, algorithm.targetOutputDelimiter())));
        case CLASSIFICATION_ACCURACY_SEMANTIC_ROBUSTNESS -> {
          ClassificationLabel labels = new ClassificationLabel(validLabels);
          yield withRobustness(spark, scored, algorithm,
              (original, perturbed, target) -> RobustnessDeltas.classificationAccuracy(original, perturbed, target, labels));
        }
        case RAG_SIMILARITY -> withRagSimilarity(scored, algorithm.embeddingModel());
        case TOXICITY, LLM_JUDGE -> scored; // scored by another model: ModelJudgements
        case FAITHFULNESS, ANSWER_RELEVANCY, CONTEXT_PRECISION, CONTEXT_RECALL -> scored; // scored by a judge model: RagJudgements
      };
    }
    return scored;
  }

  /** Registers {@code scorer} as the UDF {@code fmeval_<algorithm>} and spreads the struct it returns into columns. */
  private static Dataset<Row> withStruct(SparkSession spark, Dataset<Row> records, EvaluationConfig.Algorithm algorithm, StructType type,
      UDF2<String, String, Row> scorer) {
    String name = "fmeval_" + algorithm.name();
    spark.udf().register(name, (UDF2<String, String, Row>) (output, target) ->
        output == null || target == null ? null : scorer.call(output, target), type);
    // A record with an error is not scored, even when the fields this algorithm reads are there (e.g. only the input is missing).
    Column scores = functions.when(functions.col("error_reason").isNull(),
        functions.callUDF(name, functions.col("model_output"), functions.col("target_output")));
    return spread(records.withColumn("_scores", scores), type);
  }

  /**
   * A robustness algorithm's scores from the original output, the perturbed outputs (ModelAnswers'
   * {@code perturbed_outputs_<algorithm>}) and the target, as the UDF {@code fmeval_<algorithm>}.
   */
  private static Dataset<Row> withRobustness(SparkSession spark, Dataset<Row> records, EvaluationConfig.Algorithm algorithm,
      UDF3<String, List<String>, String, Map<String, Double>> scorer) {
    String name = "fmeval_" + algorithm.name();
    StructType type = struct(algorithm.kind().scores());
    spark.udf().register(name, (UDF3<String, scala.collection.Seq<String>, String, Row>) (output, perturbed, target) ->
        output == null || perturbed == null || (target == null && algorithm.kind() != EvalAlgorithm.GENERAL_SEMANTIC_ROBUSTNESS) ? null
            : byName(type, scorer.call(output, scala.collection.JavaConverters.seqAsJavaList(perturbed), target)), type);
    Column scores = functions.when(functions.col("error_reason").isNull(), functions.callUDF(name, functions.col("model_output"),
        functions.col("perturbed_outputs_" + algorithm.name()), functions.col("target_output")));
    return spread(records.withColumn("_scores", scores), type);
  }

  /** The struct column {@code _scores} as one column per field. */
  private static Dataset<Row> spread(Dataset<Row> records, StructType type) {
    List<Column> columns = new ArrayList<>();
    for (String existing : records.columns()) {
      if (!existing.equals("_scores")) {
        columns.add(functions.col(existing));
      }
    }
    for (StructField field : type.fields()) {
      columns.add(functions.col("_scores").getField(field.name()).as(field.name()));
    }
    return records.select(columns.toArray(Column[]::new));
  }

  /** A row of the struct's fields taken by name from the scorer's values: the struct decides the order, never the scorer. */
  private static Row byName(StructType type, Map<String, ?> values) {
    Object[] row = new Object[type.size()];
    for (int i = 0; i < row.length; i++) {
      String field = type.fields()[i].name();
      if (!values.containsKey(field)) {
        throw new IllegalStateException("the scorer gave no " + field + " (it gave " + values.keySet() + ")");
      }
      row[i] = values.get(field);
    }
    return RowFactory.create(row);
  }

  private static Dataset<Row> withSemanticSimilarity(Dataset<Row> records, String delimiter, SentenceModel model) {
    int output = records.schema().fieldIndex("model_output");
    int target = records.schema().fieldIndex("target_output");
    int error = records.schema().fieldIndex("error_reason");
    return inBatches(records, List.of("semantic_similarity"), batch -> similarities(batch, output, target, error, delimiter, model));
  }

  /**
   * rag_similarity: the cosines of the answer with the question and with the closest retrieved context under the
   * built-in sentence model, no endpoint; a record with an error gets nulls.
   */
  private static Dataset<Row> withRagSimilarity(Dataset<Row> records, SentenceModel model) {
    int input = records.schema().fieldIndex("model_input");
    int output = records.schema().fieldIndex("model_output");
    int contexts = records.schema().fieldIndex("contexts");
    int error = records.schema().fieldIndex("error_reason");
    return inBatches(records, EvalAlgorithm.RAG_SIMILARITY.scores(), batch -> {
      List<String> answers = new ArrayList<>();
      List<List<String>> questions = new ArrayList<>();
      List<List<String>> retrieved = new ArrayList<>();
      for (Row row : batch) {
        if (row.isNullAt(error) && !row.isNullAt(output) && !row.isNullAt(input) && !row.isNullAt(contexts)) {
          answers.add(row.getString(output));
          questions.add(List.of(row.getString(input)));
          retrieved.add(row.getList(contexts));
        }
      }
      SentenceEmbedder embedder = answers.isEmpty() ? null : SentenceEmbedder.shared(model);
      double[] toQuestion = embedder == null ? new double[0] : SemanticSimilarity.scores(embedder, answers, questions);
      double[] toContext = embedder == null ? new double[0] : SemanticSimilarity.scores(embedder, answers, retrieved);
      List<Object[]> scores = new ArrayList<>();
      int next = 0;
      for (Row row : batch) {
        boolean scorable = row.isNullAt(error) && !row.isNullAt(output) && !row.isNullAt(input) && !row.isNullAt(contexts);
        scores.add(scorable ? new Object[] {toQuestion[next], toContext[next++]} : new Object[] {null, null});
      }
      return scores;
    });
  }

  /** Per batch of rows, the values of the added columns (one array per row, in order). */
  interface BatchScorer extends java.io.Serializable {
    List<Object[]> score(List<Row> batch);
  }

  /**
   * Adds double columns {@code names} whose values {@code scorer} computes for {@value #EMBED_WINDOW} rows at a time,
   * in mapPartitions: the sentence model wants many texts per forward pass.
   */
  static Dataset<Row> inBatches(Dataset<Row> records, List<String> names, BatchScorer scorer) {
    StructType schema = records.schema();
    for (String name : names) {
      schema = schema.add(name, DataTypes.DoubleType, true);
    }
    return records.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new Iterator<>() {
      private final List<Row> batch = new ArrayList<>();
      private Iterator<Row> scored = List.<Row>of().iterator();

      @Override
      public boolean hasNext() {
        if (!scored.hasNext() && rows.hasNext()) {
          batch.clear();
          while (rows.hasNext() && batch.size() < EMBED_WINDOW) {
            batch.add(rows.next());
          }
          List<Object[]> values = scorer.score(batch);
          List<Row> out = new ArrayList<>(batch.size());
          for (int r = 0; r < batch.size(); r++) {
            Row row = batch.get(r);
            Object[] all = new Object[row.size() + values.get(r).length];
            for (int i = 0; i < row.size(); i++) {
              all[i] = row.get(i);
            }
            System.arraycopy(values.get(r), 0, all, row.size(), values.get(r).length);
            out.add(RowFactory.create(all));
          }
          scored = out.iterator();
        }
        return scored.hasNext();
      }

      @Override
      public Row next() {
        hasNext();
        return scored.next();
      }
    }, Encoders.row(schema));
  }

  private static List<Object[]> similarities(List<Row> batch, int output, int target, int error, String delimiter, SentenceModel model) {
    List<String> outputs = new ArrayList<>();
    List<List<String>> targets = new ArrayList<>();
    for (Row row : batch) {
      if (scorable(row, output, target, error)) {
        outputs.add(row.getString(output));
        targets.add(TargetOutputs.split(row.getString(target), delimiter));
      }
    }
    double[] scores = outputs.isEmpty() ? new double[0] : SemanticSimilarity.scores(SentenceEmbedder.shared(model), outputs, targets);
    List<Object[]> out = new ArrayList<>(batch.size());
    int next = 0;
    for (Row row : batch) {
      out.add(new Object[] {scorable(row, output, target, error) ? scores[next++] : null});
    }
    return out;
  }

  /** A record with an error is not scored, even when the fields semantic similarity reads are there. */
  private static boolean scorable(Row row, int output, int target, int error) {
    return row.isNullAt(error) && !row.isNullAt(output) && !row.isNullAt(target);
  }

  private static StructType struct(List<String> names) {
    List<StructField> fields = new ArrayList<>();
    for (String name : names) {
      fields.add(DataTypes.createStructField(name, DataTypes.DoubleType, true));
    }
    return DataTypes.createStructType(fields);
  }

  /**
   * classification_accuracy's labels: the config's valid_labels, else (as fmeval) the distinct target
   * outputs of the records that can be scored. Null when the algorithm is not configured.
   */
  static List<String> validLabels(Dataset<Row> records, EvaluationConfig config) {
    return config.algorithm("classification_accuracy").map(a -> a.validLabels() != null ? a.validLabels()
        : records.where(functions.col("error_reason").isNull()).select("target_output").distinct().orderBy("target_output")
            .limit(MAX_LABELS + 1).collectAsList().stream().map(r -> r.getString(0)).toList())
        .map(labels -> {
          if (labels.size() > MAX_LABELS) {
            throw new IllegalArgumentException("classification_accuracy: the dataset's target outputs take more than " + MAX_LABELS
                + " distinct values; is target_output_key a free-text answer? List the classes in valid_labels");
          }
          return labels;
        }).orElse(null);
  }

  /** Whether classification_accuracy takes its labels from the records (a pass over them) rather than from valid_labels. */
  static boolean labelsFromData(EvaluationConfig config) {
    return config.algorithm("classification_accuracy").map(a -> a.validLabels() == null).orElse(false);
  }

  /** The score columns of the configured algorithms, in config order. */
  static List<String> scoreColumns(EvaluationConfig config) {
    List<String> names = new ArrayList<>();
    for (EvaluationConfig.Algorithm a : config.algorithms()) {
      names.addAll(a.kind().scores());
    }
    return names;
  }
}
