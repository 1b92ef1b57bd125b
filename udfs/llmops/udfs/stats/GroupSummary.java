package llmops.udfs.stats;

import java.io.Serializable;
import java.util.Arrays;

/** Count, sum, sum of squares, minimum and maximum of values in numbered groups; partial summaries merge. */
public final class GroupSummary implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long[] count;
  private final double[] sum;
  private final double[] squares;
  private final double[] min;
  private final double[] max;

  public GroupSummary(int groups) {
    count = new long[groups];
    sum = new double[groups];
    squares = new double[groups];
    min = new double[groups];
    max = new double[groups];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
  }

  public void add(int group, double value) {
    count[group]++;
    sum[group] += value;
    squares[group] += value * value;
    min[group] = Math.min(min[group], value);
    max[group] = Math.max(max[group], value);
  }

  public GroupSummary merge(GroupSummary o) {
    for (int g = 0; g < count.length; g++) {
      count[g] += o.count[g];
      sum[g] += o.sum[g];
      squares[g] += o.squares[g];
      min[g] = Math.min(min[g], o.min[g]);
      max[g] = Math.max(max[g], o.max[g]);
    }
    return this;
  }

  public int groups() {
    return count.length;
  }

  public long count(int g) {
    return count[g];
  }

  public double min(int g) {
    return count[g] == 0 ? Double.NaN : min[g];
  }

  public double max(int g) {
    return count[g] == 0 ? Double.NaN : max[g];
  }

  public double mean(int g) {
    return count[g] == 0 ? Double.NaN : sum[g] / count[g];
  }

  /** Sample standard deviation (divisor n - 1, as Python's statistics.stdev and Spark's stddev). */
  public double stddev(int g) {
    if (count[g] < 2) {
      return Double.NaN;
    }
    double mean = sum[g] / count[g];
    return Math.sqrt(Math.max(0, (squares[g] - count[g] * mean * mean) / (count[g] - 1)));
  }
}
