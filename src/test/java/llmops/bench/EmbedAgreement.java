package llmops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How closely two embed outputs of the same texts agree: the cosine of each id's two vectors, read
 * back from the jobs' Parquet. Prints one JSON line: the vectors compared, the mean, the 1st
 * percentile and the minimum cosine, and the text of the least agreeing one.
 *   EmbedAgreement FP32_OUTPUT INT8_OUTPUT
 */
public final class EmbedAgreement {
  private EmbedAgreement() {}

  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSession.builder().master("local[1]").appName("embed-agreement")
        .config("spark.ui.enabled", "false").getOrCreate();
    Map<String, Row> first = new HashMap<>();
    for (Row r : spark.read().parquet(args[0]).select("id", "text", "embedding").collectAsList()) {
      first.put(r.getString(0), r);
    }
    List<Row> second = spark.read().parquet(args[1]).select("id", "embedding").collectAsList();
    if (second.size() != first.size()) {
      throw new IllegalStateException(args[0] + " has " + first.size() + " vectors, " + args[1] + " " + second.size());
    }
    double[] cosines = new double[second.size()];
    double least = 2;
    String leastText = null;
    for (int i = 0; i < cosines.length; i++) {
      Row a = first.get(second.get(i).getString(0));
      cosines[i] = cosine(a.getList(2), second.get(i).getList(1));
      if (cosines[i] < least) {
        least = cosines[i];
        leastText = a.getString(1);
      }
    }
    spark.stop();
    double[] sorted = cosines.clone();
    Arrays.sort(sorted);
    System.out.println(new ObjectMapper().writeValueAsString(Map.of("vectors", cosines.length,
        "mean", Arrays.stream(cosines).average().orElseThrow(), "p01", sorted[(int) Math.floor(0.01 * (sorted.length - 1))],
        "min", sorted[0], "least_text", leastText)));
  }

  private static double cosine(List<Float> a, List<Float> b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int j = 0; j < a.size(); j++) {
      dot += a.get(j) * b.get(j);
      na += a.get(j) * a.get(j);
      nb += b.get(j) * b.get(j);
    }
    return dot / Math.sqrt(na * nb);
  }
}
