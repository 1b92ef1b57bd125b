package llmops.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmops.io.ValidatedEmbeddings;
import llmops.udfs.vectors.NormStatistics;
import llmops.udfs.vectors.VectorBlock;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * The data-quality checks on the vectors that passed parsing. Parsing already quarantined what
 * cannot be used; these catch what is usable but suspicious (zero vectors, ids used more than once)
 * as warnings: the run goes on and the summary says which check failed and how many ids repeat
 * ({@code duplicate_ids}). The norms' minimum, maximum, mean and standard deviation are reported,
 * not judged.
 *
 * <p>The report keeps the names, figures and messages of the deequ checks it replaces
 * ({@code hasSize}, {@code isComplete(id)}, {@code hasMin(l2_norm)}, {@code isUnique(id)} at level
 * Warning, and its Mean, StandardDeviation, Minimum, Maximum and CountDistinct analyzers), so stored
 * runs read the same before and after. Deequ needed a data frame of its own and two passes over it;
 * here the counts and norms come from the pass that validates the input
 * ({@link ValidatedEmbeddings#norms()}), and ids are grouped only when the data named its vectors:
 * ids the reader made from each record's place are distinct by construction.
 */
final class DataQuality {
  static final String SIZE = "SizeConstraint(Size(None))";
  static final String COMPLETE_ID = "CompletenessConstraint(Completeness(id,None,None))";
  static final String NO_ZERO_VECTORS = "MinimumConstraint(Minimum(l2_norm,None,None))";
  static final String UNIQUE_ID = "UniquenessConstraint(Uniqueness(List(id),None,None))";

  private DataQuality() {}

  /** How often ids occur: distinct ones, and those that occur exactly once. */
  private record IdCounts(long distinct, long once) {}

  /** Metrics and check outcomes, for the summary and the run's item. */
  static DriftRunRecord.DataQualityReport check(ValidatedEmbeddings input) {
    NormStatistics norms = input.norms();
    long size = norms.count();
    IdCounts ids = input.namedVectors() == 0 ? new IdCounts(norms.withId(), norms.withId()) : countIds(input.blocks());
    double uniqueness = (double) ids.once() / size;

    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("Minimum(l2_norm)", norms.min());
    metrics.put("Maximum(l2_norm)", norms.max());
    metrics.put("Completeness(id)", norms.idCompleteness());
    metrics.put("Size", (double) size);
    metrics.put("Mean(l2_norm)", norms.mean());
    metrics.put("StandardDeviation(l2_norm)", norms.standardDeviation());
    metrics.put("CountDistinct(id)", (double) ids.distinct());
    metrics.put("Uniqueness(id)", uniqueness);

    List<DriftRunRecord.ConstraintOutcome> checks = new ArrayList<>();
    checks.add(outcome(SIZE, size, size > 0, "at least one vector"));
    checks.add(outcome(COMPLETE_ID, norms.idCompleteness(), norms.idCompleteness() == 1.0, "every vector has an id"));
    checks.add(outcome(NO_ZERO_VECTORS, norms.min(), norms.min() > 0, "no zero vectors"));
    checks.add(outcome(UNIQUE_ID, uniqueness, uniqueness == 1.0, "every id names one vector"));
    boolean passed = checks.stream().allMatch(c -> c.status().equals("Success"));
    // Exactly: the vectors with an id that an earlier vector already has (null ids are not counted).
    long duplicateIds = norms.withId() - ids.distinct();
    return new DriftRunRecord.DataQualityReport(passed ? "Success" : "Warning", metrics, duplicateIds, checks);
  }

  /** Deequ's wording, so a failed check reads as it always has: the value, then the check's hint. */
  private static DriftRunRecord.ConstraintOutcome outcome(String constraint, Object value, boolean passed, String hint) {
    return passed ? new DriftRunRecord.ConstraintOutcome(constraint, "Success", null)
        : new DriftRunRecord.ConstraintOutcome(constraint, "Failure", "Value: " + value + " does not meet the constraint requirement! " + hint);
  }

  /**
   * One shuffle of the ids alone (not the vectors): a count per id, then how many there are and how
   * many occur once. Plain RDD operations: a Spark SQL aggregation would first generate and compile
   * its code, which takes seconds on a short run.
   */
  private static IdCounts countIds(JavaRDD<VectorBlock> blocks) {
    long[] counts = blocks.flatMapToPair(b -> {
      List<Tuple2<String, Long>> out = new ArrayList<>(b.rows());
      for (int r = 0; r < b.rows(); r++) {
        if (b.id(r) != null) {
          out.add(new Tuple2<>(b.id(r), 1L));
        }
      }
      return out.iterator();
    }).reduceByKey(Long::sum).aggregate(new long[2], (total, id) -> {
      total[0]++;
      total[1] += id._2() == 1 ? 1 : 0;
      return total;
    }, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
    return new IdCounts(counts[0], counts[1]);
  }
}
