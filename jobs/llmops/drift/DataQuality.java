package llmops.drift;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.analyzers.CountDistinct;
import com.amazon.deequ.analyzers.Maximum;
import com.amazon.deequ.analyzers.Mean;
import com.amazon.deequ.analyzers.Minimum;
import com.amazon.deequ.analyzers.StandardDeviation;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmops.udfs.vectors.VectorBlock;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Function1;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * Deequ checks on the vectors that passed parsing: one row per vector with its id and norm.
 * Parsing already quarantined what cannot be used; these catch what is usable but suspicious
 * (zero vectors, ids used more than once) as warnings, like every other check here: the run goes
 * on and the summary says which check failed and how many ids repeat ({@code duplicate_ids}). The
 * norms' minimum, maximum, mean and standard deviation are reported, not judged.
 */
final class DataQuality {
  private static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("id", DataTypes.StringType, true),
      DataTypes.createStructField("l2_norm", DataTypes.DoubleType, false)));

  private DataQuality() {}

  /** Metrics and check outcomes, for the summary and the run's item. */
  static DriftRunRecord.DataQualityReport check(SparkSession spark, JavaRDD<VectorBlock> blocks) throws Exception {
    JavaRDD<Row> rows = blocks.flatMap(b -> {
      List<Row> out = new java.util.ArrayList<>(b.rows());
      for (int r = 0; r < b.rows(); r++) {
        out.add(RowFactory.create(b.id(r), b.norm(r)));
      }
      return out.iterator();
    });
    Dataset<Row> df = spark.createDataFrame(rows, SCHEMA);

    Check check = new Check(CheckLevel.Warning(), "embedding quality", JavaConverters.asScalaBuffer(List.<com.amazon.deequ.constraints.Constraint>of()).toList())
        .hasSize(assertion(n -> (Long) n > 0), Option.apply("at least one vector"))
        .isComplete("id", Option.apply("every vector has an id"), Option.empty())
        .hasMin("l2_norm", assertion(min -> (Double) min > 0), Option.apply("no zero vectors"), Option.empty())
        .isUnique("id", Option.apply("every id names one vector"), Option.empty());
    VerificationResult result = new VerificationSuite().onData(df)
        .addCheck(check)
        .addRequiredAnalyzer(analyzer(new Mean("l2_norm", Option.empty())))
        .addRequiredAnalyzer(analyzer(new StandardDeviation("l2_norm", Option.empty())))
        .addRequiredAnalyzer(analyzer(new Minimum("l2_norm", Option.empty(), Option.empty())))
        .addRequiredAnalyzer(analyzer(new Maximum("l2_norm", Option.empty(), Option.empty())))
        .addRequiredAnalyzer(analyzer(new CountDistinct(JavaConverters.asScalaBuffer(List.of("id")).toList())))
        .run();

    ObjectMapper json = new ObjectMapper();
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (JsonNode m : json.readTree(VerificationResult.successMetricsAsJson(result, VerificationResult.successMetricsAsJson$default$2()))) {
      String name = m.get("name").asText() + (m.get("instance").asText().equals("*") ? "" : "(" + m.get("instance").asText() + ")");
      metrics.put(name, m.get("value").asDouble());
    }
    List<DriftRunRecord.ConstraintOutcome> checks = new java.util.ArrayList<>();
    for (JsonNode c : json.readTree(VerificationResult.checkResultsAsJson(result, VerificationResult.checkResultsAsJson$default$2()))) {
      String message = c.path("constraint_message").asText("");
      checks.add(new DriftRunRecord.ConstraintOutcome(c.get("constraint").asText(), c.get("constraint_status").asText(),
          message.isEmpty() ? null : message));
    }
    // Exactly: the vectors with an id that an earlier vector already has (CountDistinct counts no null ids).
    long duplicateIds = Math.round(metrics.get("Size") * metrics.get("Completeness(id)") - metrics.get("CountDistinct(id)"));
    return new DriftRunRecord.DataQualityReport(result.status().toString(), metrics, duplicateIds, checks);
  }

  /** Deequ's analyzers are Scala generics that Java cannot name precisely; this is the cast Scala would infer. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static com.amazon.deequ.analyzers.Analyzer<?, com.amazon.deequ.metrics.Metric<?>> analyzer(com.amazon.deequ.analyzers.Analyzer a) {
    return a;
  }

  private static Function1<Object, Object> assertion(java.util.function.Predicate<Object> test) {
    return new scala.runtime.AbstractFunction1<Object, Object>() {
      @Override
      public Object apply(Object value) {
        return test.test(value);
      }
    };
  }
}
