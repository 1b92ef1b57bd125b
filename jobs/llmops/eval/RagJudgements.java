package llmops.eval;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import llmops.udfs.embeddings.SentenceEmbedder;
import llmops.udfs.eval.SemanticSimilarity;
import llmops.udfs.eval.TargetOutputs;
import llmops.udfs.eval.rag.Parsed;
import llmops.udfs.eval.rag.RagPrompts;
import llmops.udfs.eval.rag.RagReplies;
import llmops.udfs.eval.rag.RagScores;
import llmops.udfs.eval.rag.ReferenceSentences;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;

/**
 * The RAG metrics a judge model scores, with Ragas' definitions ({@link RagScores}) and the prompts of
 * {@code conf/judge-prompts/} ({@link RagPrompts}), each judge called as {@code <algorithm>_judge}:
 * <ul>
 *   <li>faithfulness: the answer's claims (one call), then one verdict per claim on the contexts (a second);</li>
 *   <li>answer relevancy: questions generated from the answer (one call asking for {@code questions} of them),
 *       their mean cosine with the record's question under the built-in sentence model;</li>
 *   <li>context precision: one verdict per retrieved context, useful or not for the reference answer;</li>
 *   <li>context recall: one verdict per sentence of the reference answer, supported by the contexts or not.</li>
 * </ul>
 * The reference is the first of the record's targets. A reply that cannot be read strictly, or a call that
 * failed, leaves the score null with its reason in {@code <algorithm>_failure}: counted, never guessed.
 */
final class RagJudgements {
  private static final StructType SCORE = DataTypes.createStructType(List.of(DataTypes.createStructField("score", DataTypes.DoubleType, true),
      DataTypes.createStructField("failure", DataTypes.StringType, true)));
  private static final DataType TEXTS = DataTypes.createArrayType(DataTypes.StringType);

  private RagJudgements() {}

  static RagPrompts prompts() {
    return new RagPrompts(JudgeCalls::template);
  }

  static Dataset<Row> add(Dataset<Row> records, EvaluationConfig.Algorithm algorithm, RagPrompts prompts, JudgeCalls judge) {
    String name = algorithm.name();
    String delimiter = algorithm.targetOutputDelimiter();
    Column scorable = col("error_reason").isNull();
    return switch (algorithm.kind()) {
      case FAITHFULNESS -> {
        Dataset<Row> claimed = judge.ask(records, name, algorithm.caller(),
            when(scorable, array(udf((UDF2<String, String, String>) prompts::claims, DataTypes.StringType).apply(col("model_input"), col("model_output")))),
            "_claims_replies");
        StructType claimsType = DataTypes.createStructType(List.of(DataTypes.createStructField("claims", TEXTS, true),
            DataTypes.createStructField("failure", DataTypes.StringType, true)));
        claimed = claimed.withColumn("_claims", udf((UDF1<Seq<Row>, Row>) replies -> {
          if (replies == null) {
            return null;
          }
          JudgeCalls.Reply reply = JudgeCalls.replies(replies).get(0);
          if (reply.text() == null) {
            return RowFactory.create(null, reply.failure());
          }
          Parsed<List<String>> claims = RagReplies.claims(reply.text());
          if (!claims.ok()) {
            return RowFactory.create(null, claims.failure());
          }
          // Ragas' faithfulness is undefined (NaN) for an answer that claims nothing: no score, and the reason counted.
          return claims.value().isEmpty() ? RowFactory.create(null, "the answer makes no claims") : RowFactory.create(claims.value().toArray(), null);
        }, claimsType).apply(col("_claims_replies")));
        Dataset<Row> supported = judge.ask(claimed, name, algorithm.caller(),
            when(col("_claims.claims").isNotNull(), array(udf((UDF2<Seq<String>, Seq<String>, String>) (contexts, claims) ->
                prompts.claimSupport(list(contexts), list(claims)), DataTypes.StringType).apply(col("contexts"), col("_claims.claims")))),
            "_support_replies");
        yield spread(supported.withColumn("_score", udf((UDF2<Row, Seq<Row>, Row>) (claims, replies) -> {
          if (claims == null) {
            return null;
          }
          if (claims.isNullAt(0)) {
            return RowFactory.create(null, claims.getString(1));
          }
          Parsed<List<Boolean>> verdicts = verdicts(replies, list(claims.getSeq(0)).size());
          return verdicts.ok() ? RowFactory.create(RagScores.faithfulness(verdicts.value()), null) : RowFactory.create(null, verdicts.failure());
        }, SCORE).apply(col("_claims"), col("_support_replies"))), name, "_claims", "_claims_replies", "_support_replies");
      }
      case ANSWER_RELEVANCY -> {
        int count = algorithm.generatedQuestions();
        Dataset<Row> asked = judge.ask(records, name, algorithm.caller(),
            when(scorable, array(udf((UDF1<String, String>) answer -> prompts.questions(answer, count), DataTypes.StringType)
                .apply(col("model_output")))), "_questions_replies");
        StructType generatedType = DataTypes.createStructType(List.of(DataTypes.createStructField("questions", TEXTS, true),
            DataTypes.createStructField("noncommittal", DataTypes.BooleanType, true),
            DataTypes.createStructField("failure", DataTypes.StringType, true)));
        Dataset<Row> generated = asked.withColumn("_generated", udf((UDF1<Seq<Row>, Row>) replies -> {
          if (replies == null) {
            return null;
          }
          JudgeCalls.Reply reply = JudgeCalls.replies(replies).get(0);
          if (reply.text() == null) {
            return RowFactory.create(null, null, reply.failure());
          }
          Parsed<RagReplies.Questions> questions = RagReplies.questions(reply.text(), count);
          return questions.ok() ? RowFactory.create(questions.value().questions().toArray(), questions.value().noncommittal(), null)
              : RowFactory.create(null, null, questions.failure());
        }, generatedType).apply(col("_questions_replies")));
        int input = generated.schema().fieldIndex("model_input");
        int questions = generated.schema().fieldIndex("_generated");
        var model = algorithm.embeddingModel();
        Dataset<Row> scored = EvaluationScores.inBatches(generated, List.of(name), batch -> {
          List<String> askedQuestions = new ArrayList<>();
          List<List<String>> others = new ArrayList<>();
          for (Row row : batch) {
            if (relevancyScorable(row, questions)) {
              askedQuestions.add(row.getString(input));
              others.add(row.getStruct(questions).getList(0));
            }
          }
          double[][] cosines = askedQuestions.isEmpty() ? new double[0][] : SemanticSimilarity.cosines(SentenceEmbedder.shared(model), askedQuestions, others);
          List<Object[]> out = new ArrayList<>();
          int next = 0;
          for (Row row : batch) {
            out.add(new Object[] {relevancyScorable(row, questions)
                ? RagScores.answerRelevancy(cosines[next++], row.getStruct(questions).getBoolean(1)) : null});
          }
          return out;
        });
        yield scored.withColumn(name + "_failure", col("_generated.failure")).drop("_generated", "_questions_replies");
      }
      case CONTEXT_PRECISION -> {
        Dataset<Row> asked = judge.ask(records, name, algorithm.caller(), when(scorable,
            udf((UDF3<String, Seq<String>, String, String[]>) (question, contexts, target) -> list(contexts).stream()
                .map(context -> prompts.contextRelevance(question, context, reference(target, delimiter))).toArray(String[]::new), TEXTS)
                .apply(col("model_input"), col("contexts"), col("target_output"))), "_relevance_replies");
        yield spread(asked.withColumn("_score", udf((UDF1<Seq<Row>, Row>) replies -> {
          if (replies == null) {
            return null;
          }
          List<Boolean> relevant = new ArrayList<>();
          List<JudgeCalls.Reply> all = JudgeCalls.replies(replies);
          for (int i = 0; i < all.size(); i++) {
            Parsed<Boolean> verdict = all.get(i).text() == null ? Parsed.failed(all.get(i).failure()) : RagReplies.verdict(all.get(i).text());
            if (!verdict.ok()) {
              return RowFactory.create(null, "context " + (i + 1) + ": " + verdict.failure());
            }
            relevant.add(verdict.value());
          }
          return RowFactory.create(RagScores.contextPrecision(relevant), null);
        }, SCORE).apply(col("_relevance_replies"))), name, "_relevance_replies");
      }
      case CONTEXT_RECALL -> {
        Dataset<Row> asked = judge.ask(records, name, algorithm.caller(), when(scorable,
            udf((UDF3<String, Seq<String>, String, String[]>) (question, contexts, target) -> {
              List<String> sentences = ReferenceSentences.split(reference(target, delimiter));
              return sentences.isEmpty() ? null : new String[] {prompts.contextRecall(question, list(contexts), sentences)};
            }, TEXTS).apply(col("model_input"), col("contexts"), col("target_output"))), "_recall_replies");
        yield spread(asked.withColumn("_score", udf((UDF3<Seq<Row>, String, String, Row>) (replies, target, error) -> {
          if (error != null) {
            return null;
          }
          int sentences = ReferenceSentences.split(reference(target, delimiter)).size();
          if (sentences == 0) {
            // Ragas' context recall is undefined (NaN) for a reference with no sentences.
            return RowFactory.create(null, "the reference has no sentences");
          }
          Parsed<List<Boolean>> verdicts = verdicts(replies, sentences);
          return verdicts.ok() ? RowFactory.create(RagScores.contextRecall(verdicts.value()), null) : RowFactory.create(null, verdicts.failure());
        }, SCORE).apply(col("_recall_replies"), col("target_output"), col("error_reason"))), name, "_recall_replies");
      }
      default -> throw new IllegalArgumentException(name + " is not scored by a RAG judge");
    };
  }

  private static boolean relevancyScorable(Row row, int generated) {
    return !row.isNullAt(generated) && row.getStruct(generated).isNullAt(2);
  }

  /** One reply read as one verdict per item, or why not. */
  private static Parsed<List<Boolean>> verdicts(Seq<Row> replies, int items) {
    JudgeCalls.Reply reply = JudgeCalls.replies(replies).get(0);
    return reply.text() == null ? Parsed.failed(reply.failure()) : RagReplies.verdicts(reply.text(), items);
  }

  /** The reference answer: the first of the record's targets. */
  private static String reference(String target, String delimiter) {
    return TargetOutputs.split(target, delimiter).get(0);
  }

  private static List<String> list(Seq<String> seq) {
    return scala.collection.JavaConverters.seqAsJavaList(seq);
  }

  /** {@code _score} as the columns {@code <name>} and {@code <name>_failure}, without the working columns. */
  private static Dataset<Row> spread(Dataset<Row> records, String name, String... working) {
    return records.withColumn(name, col("_score.score")).withColumn(name + "_failure", col("_score.failure")).drop("_score").drop(working);
  }

  private static UserDefinedFunction udf(UDF1<?, ?> function, DataType type) {
    return functions.udf(function, type);
  }

  private static UserDefinedFunction udf(UDF2<?, ?, ?> function, DataType type) {
    return functions.udf(function, type);
  }

  private static UserDefinedFunction udf(UDF3<?, ?, ?, ?> function, DataType type) {
    return functions.udf(function, type);
  }
}
