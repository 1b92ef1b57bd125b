package llmops.eval;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import llmops.config.RunIdentity;
import llmops.udfs.eval.pairwise.BradleyTerry;
import llmops.udfs.eval.pairwise.PairwiseOutcome;
import llmops.udfs.eval.pairwise.PairwisePrompt;
import llmops.udfs.eval.pairwise.PairwiseVerdict;
import llmops.udfs.eval.pairwise.WinRates;
import llmops.udfs.eval.rag.Parsed;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;

/**
 * The config's {@code pairwise} judge comparing every two scored models' answers to the same input (records
 * both answered without error), once with the first model's answer shown as A and once as B
 * ({@code pairwise_judge}, through the runners and the responses table like every call). Each comparison
 * is written to {@code pairwise/} under the output path; the counts become a {@link PairwiseRecord}.
 */
final class PairwiseJudging {
  /** The algorithm the judge's calls count for; they are kept as pairwise_judge. */
  static final String JUDGE = "pairwise";
  private static final StructType OUTCOME = DataTypes.createStructType(List.of(
      DataTypes.createStructField("verdict_a_first", DataTypes.StringType, true),
      DataTypes.createStructField("verdict_b_first", DataTypes.StringType, true),
      DataTypes.createStructField("outcome", DataTypes.StringType, true),
      DataTypes.createStructField("flipped", DataTypes.BooleanType, true),
      DataTypes.createStructField("failure", DataTypes.StringType, true)));

  private PairwiseJudging() {}

  static PairwiseRecord judge(Dataset<Row> scored, EvaluationConfig config, JudgeCalls judge, String outputPath, RunIdentity run) {
    EvaluationConfig.Pairwise pairwise = config.pairwise();
    PairwisePrompt prompt = new PairwisePrompt(JudgeCalls.template(PairwisePrompt.NAME));
    String criteria = pairwise.criteria();
    Dataset<Row> answers = scored.where(col("error_reason").isNull().and(col("model_output").isNotNull()))
        .select("record_id", "model", "model_input", "model_output");
    Dataset<Row> a = answers.alias("a");
    Dataset<Row> b = answers.alias("b");
    Dataset<Row> pairs = a.join(b, col("a.record_id").equalTo(col("b.record_id")).and(col("a.model").lt(col("b.model"))))
        .select(col("a.record_id").as("record_id"), col("a.model").as("model_a"), col("b.model").as("model_b"),
            col("a.model_input").as("model_input"), col("a.model_output").as("answer_a"), col("b.model_output").as("answer_b"));
    UDF3<String, String, String, String> build = (question, shownFirst, shownSecond) ->
        prompt.build(criteria, question == null ? "" : question, shownFirst, shownSecond);
    var promptUdf = functions.udf(build, DataTypes.StringType);
    Dataset<Row> asked = judge.ask(pairs, JUDGE, pairwise.judge(), array(
        promptUdf.apply(col("model_input"), col("answer_a"), col("answer_b")),
        promptUdf.apply(col("model_input"), col("answer_b"), col("answer_a"))), "_replies");
    Dataset<Row> compared = asked.withColumn("_outcome", functions.udf((UDF1<Seq<Row>, Row>) PairwiseJudging::outcome, OUTCOME)
            .apply(col("_replies")))
        .select(col("record_id"), col("model_a"), col("model_b"), col("_outcome.verdict_a_first").as("verdict_a_first"),
            col("_outcome.verdict_b_first").as("verdict_b_first"), col("_outcome.outcome").as("outcome"), col("_outcome.flipped").as("flipped"),
            col("_outcome.failure").as("failure"), lit(run.runId()).as("run_id"));
    String path = outputPath.replaceAll("/+$", "") + "/pairwise";
    compared.write().mode(SaveMode.Overwrite).parquet(path);
    return record(scored.sparkSession().read().parquet(path), pairwise, run);
  }

  /** Both orders' verdicts read, and what they make together; the first failure if either could not be read. */
  private static Row outcome(Seq<Row> replies) {
    List<JudgeCalls.Reply> both = JudgeCalls.replies(replies);
    List<PairwiseVerdict.Shown> shown = new ArrayList<>();
    for (JudgeCalls.Reply reply : both) {
      Parsed<PairwiseVerdict.Shown> verdict = reply.text() == null ? Parsed.failed(reply.failure()) : PairwiseVerdict.parse(reply.text());
      if (!verdict.ok()) {
        return RowFactory.create(null, null, null, null, verdict.failure());
      }
      shown.add(verdict.value());
    }
    PairwiseOutcome outcome = PairwiseOutcome.of(shown.get(0), shown.get(1));
    String said = switch (outcome) {
      case FIRST_WINS -> "a";
      case SECOND_WINS -> "b";
      case TIE -> "tie";
    };
    return RowFactory.create(shown.get(0).name(), shown.get(1).name(), said, PairwiseOutcome.flipped(shown.get(0), shown.get(1)), null);
  }

  private static PairwiseRecord record(Dataset<Row> compared, EvaluationConfig.Pairwise pairwise, RunIdentity run) {
    Map<String, Map<String, Long>> failures = new TreeMap<>();
    for (Row r : compared.where(col("failure").isNotNull()).groupBy("model_a", "model_b", "failure").count().collectAsList()) {
      failures.computeIfAbsent(r.getString(0) + "\n" + r.getString(1), k -> new TreeMap<>()).put(r.getString(2), r.getLong(3));
    }
    List<PairwiseRecord.Pair> pairs = new ArrayList<>();
    TreeSet<String> models = new TreeSet<>();
    List<Row> counts = compared.groupBy("model_a", "model_b").agg(
        count(lit(1)), sum(when(col("outcome").equalTo("a"), 1).otherwise(0)), sum(when(col("outcome").equalTo("tie"), 1).otherwise(0)),
        sum(when(col("outcome").equalTo("b"), 1).otherwise(0)), sum(when(col("flipped"), 1).otherwise(0)))
        .orderBy("model_a", "model_b").collectAsList();
    for (Row r : counts) {
      String modelA = r.getString(0);
      String modelB = r.getString(1);
      models.add(modelA);
      models.add(modelB);
      long winsA = r.getLong(3);
      long ties = r.getLong(4);
      long winsB = r.getLong(5);
      boolean any = winsA + ties + winsB > 0;
      WinRates rates = WinRates.of(winsA, ties, winsB, pairwise.level());
      pairs.add(new PairwiseRecord.Pair(modelA, modelB, r.getLong(2), winsA, ties, winsB, r.getLong(6), failures.get(modelA + "\n" + modelB),
          any ? rate(rates.win()) : null, any ? rate(rates.tie()) : null, any ? rate(rates.loss()) : null));
    }
    List<PairwiseRecord.Strength> strengths = null;
    Boolean converged = null;
    if (models.size() > 2) {
      List<String> order = new ArrayList<>(models);
      double[][] wins = new double[order.size()][order.size()];
      for (PairwiseRecord.Pair p : pairs) {
        int i = order.indexOf(p.modelA());
        int j = order.indexOf(p.modelB());
        wins[i][j] += p.winsA() + p.ties() / 2.0;
        wins[j][i] += p.winsB() + p.ties() / 2.0;
      }
      BradleyTerry.Fit fit = BradleyTerry.fit(order, wins);
      strengths = fit.ranking().stream().map(s -> new PairwiseRecord.Strength(s.model(), s.strength(), s.rank())).toList();
      converged = fit.converged();
    }
    return new PairwiseRecord(run.runId(), run.epochSeconds(), pairwise.judge().describe(), pairwise.criteria(), pairwise.level(),
        pairs, strengths, converged);
  }

  private static PairwiseRecord.Rate rate(WinRates.Rate rate) {
    return new PairwiseRecord.Rate(rate.rate(), rate.low(), rate.high());
  }
}
