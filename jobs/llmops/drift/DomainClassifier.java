package llmops.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import llmops.udfs.stats.AucSignificance;
import llmops.udfs.stats.PermutedAuc;
import llmops.udfs.vectors.SeededSample;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Can a model tell the baseline from the snapshot? Spark MLlib's logistic regression is trained on
 * about half of each seeded sample (label 0 baseline, 1 snapshot) and scored on the rest: a test ROC
 * AUC near 0.5 means the two are indistinguishable, towards 1 that they differ.
 *
 * <p>The halves are split by content: a vector trains when its seeded key is even, on both sides, so
 * copies of one vector (texts that repeat, within a side or across sides) are all trained on or all
 * tested. Split by position, a repeated text had one copy in training and one in the test, and the
 * test scored the model's memory of it: on the demo's support questions (800 a side, 555 distinct)
 * that leak alone lifted the AUC of two draws of the same mix from about 0.51 to about 0.57 with
 * p < 0.001, which is "drift" under the default rule.
 */
final class DomainClassifier {
  private DomainClassifier() {}

  /**
   * The test AUC, its one-sided p-value under "indistinguishable" (Mann-Whitney U, normal
   * approximation), and the test vectors' scores with their labels, whose permutations give the
   * AUC's calibrated null.
   */
  record Result(double rocAuc, double pValue, int trained, int tested, PermutedAuc testScores) {}

  /** Samples are row-major; {@code splitSeed} chooses which vectors train. */
  static Result rocAuc(SparkSession spark, double[] baseline, double[] snapshot, int dim, double regularization, long splitSeed) {
    StructType schema = new StructType()
        .add("label", DataTypes.DoubleType, false)
        .add("features", SQLDataTypes.VectorType(), false);
    List<Row> train = new ArrayList<>();
    List<Row> test = new ArrayList<>();
    split(baseline, dim, 0.0, splitSeed, train, test);
    split(snapshot, dim, 1.0, splitSeed, train, test);
    // One partition each: Spark adds partial sums in the order tasks finish, which changed the AUC in
    // its last bits from one run to the next; the samples are small, and a rerun must store the same values.
    Dataset<Row> trainSet = spark.createDataFrame(train, schema).coalesce(1);
    Dataset<Row> testSet = spark.createDataFrame(test, schema).coalesce(1);
    LogisticRegressionModel model = new LogisticRegression()
        .setMaxIter(200).setRegParam(regularization).setElasticNetParam(0).setStandardization(true)
        .fit(trainSet);
    // numBins 0: the exact ROC curve, not one down-sampled to 1000 bins.
    Dataset<Row> scored = model.transform(testSet);
    double auc = new BinaryClassificationEvaluator().setMetricName("areaUnderROC").setNumBins(0).evaluate(scored);
    List<Row> scores = scored.select("label", "probability").collectAsList();
    double[] snapshotProbability = new double[scores.size()];
    boolean[] fromSnapshot = new boolean[scores.size()];
    for (int i = 0; i < scores.size(); i++) {
      fromSnapshot[i] = scores.get(i).getDouble(0) == 1.0;
      snapshotProbability[i] = ((Vector) scores.get(i).get(1)).apply(1);
    }
    long baselineTests = test.stream().filter(r -> r.getDouble(0) == 0.0).count();
    long snapshotTests = test.size() - baselineTests;
    return new Result(auc, AucSignificance.oneSidedPValue(auc, baselineTests, snapshotTests), train.size(), test.size(),
        new PermutedAuc(snapshotProbability, fromSnapshot));
  }

  private static void split(double[] rows, int dim, double label, long splitSeed, List<Row> train, List<Row> test) {
    int n = rows.length / dim;
    for (int i = 0; i < n; i++) {
      Row row = RowFactory.create(label, Vectors.dense(Arrays.copyOfRange(rows, i * dim, (i + 1) * dim)));
      ((SeededSample.key(splitSeed, rows, i, dim) & 1) == 0 ? train : test).add(row);
    }
  }
}
