package llmops.eval;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.struct;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import llmops.eval.runners.ModelEndpoint;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Asks a judge model several prompts per record (a RAG metric's steps, a pairwise comparison's two orders)
 * through the same runners as every other call: each distinct prompt once, kept in the responses table and
 * taken from there on a rerun. The calls of one judge name add up across its rounds.
 */
final class JudgeCalls {
  private final SparkSession spark;
  private final String table;
  private final Map<String, ModelAnswers.Calls> calls;
  private final Map<String, ModelEndpoint> callers;
  /** What the rounds keep in memory until the job has written its outputs. */
  private final List<Dataset<Row>> cached = new ArrayList<>();

  JudgeCalls(SparkSession spark, String table, Map<String, ModelAnswers.Calls> calls, Map<String, ModelEndpoint> callers) {
    this.spark = spark;
    this.table = table;
    this.calls = calls;
    this.callers = callers;
  }

  /**
   * Adds column {@code out}: for each record whose {@code prompts} (an array of texts) is not null, the replies in
   * the prompts' order, each a struct of {@code reply} (null when the call failed) and {@code error} (the failure's
   * kind, null when answered).
   */
  Dataset<Row> ask(Dataset<Row> records, String algorithm, ModelEndpoint caller, Column prompts, String out) {
    // The judge's calls are kept and counted as <algorithm>_judge; their cost counts for the algorithm.
    String name = algorithm + "_judge";
    Dataset<Row> keyed = records.withColumn("_prompts", prompts).withColumn("_ask_row", monotonically_increasing_id())
        .persist(StorageLevel.MEMORY_AND_DISK());
    // Whose evaluation the calls are for: the record's model where a record has one (a RAG metric's), none for a pair's.
    Column evaluated = java.util.Arrays.asList(records.columns()).contains("model") ? col("model") : lit(null).cast("string");
    Dataset<Row> asked = keyed.where(col("_prompts").isNotNull())
        .select(col("_ask_row"), evaluated.as("_evaluated"), posexplode(col("_prompts")).as(new String[] {"_pos", "_prompt"}));
    ModelAnswers.Calls called = ModelAnswers.call(spark, asked.select(lit(name).as("model"), col("_prompt").as("prompt"),
        col("_evaluated").as("evaluated_model"), lit(algorithm).as("algorithm")), Map.of(name, caller), table);
    cached.add(keyed);
    cached.add(called.outcomes());
    cached.add(called.uses());
    ModelAnswers.Calls before = calls.get(name);
    calls.put(name, before == null ? called
        : new ModelAnswers.Calls(before.outcomes().union(called.outcomes()), before.seconds() + called.seconds(),
            before.uses().union(called.uses())));
    callers.put(name, caller);
    Dataset<Row> outcomes = called.outcomes().select(col("prompt").as("_prompt"), col("answer"), col("invocation_error"));
    Dataset<Row> replies = asked.join(outcomes, "_prompt", "left").groupBy(col("_ask_row"))
        .agg(array_sort(collect_list(struct(col("_pos"), col("answer").as("reply"), col("invocation_error").as("error")))).as(out));
    Dataset<Row> answered = keyed.join(replies, "_ask_row", "left").drop("_prompts", "_ask_row");
    // A new plan over the same rows: every round of asking joins the records with their own replies, so without this
    // the plan would double in size with each round (a metric's steps, one metric after another).
    return spark.createDataFrame(answered.rdd(), answered.schema());
  }

  void release() {
    cached.forEach(d -> d.unpersist(false));
  }

  /** A judge prompt's template as shipped in the jar ({@code conf/judge-prompts/NAME.txt}). */
  static String template(String name) {
    String resource = "judge-prompts/" + name + ".txt";
    try (InputStream in = JudgeCalls.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the jar has no " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A record's replies as (reply, error) pairs in the prompts' order. */
  static List<Reply> replies(scala.collection.Seq<Row> column) {
    List<Reply> out = new ArrayList<>();
    for (Row r : scala.collection.JavaConverters.seqAsJavaList(column)) {
      out.add(new Reply(r.getString(1), r.getString(2)));
    }
    return out;
  }

  /** One reply, or the kind of failure that left none. */
  record Reply(String text, String error) {
    /** The failure reason as counted in score_failures. */
    String failure() {
      return "invocation_" + (error == null ? "missing" : error);
    }
  }
}
