package llmops.udfs.vectors;

import java.io.Serializable;

/**
 * Count, id completeness and the L2 norms' minimum, maximum, mean and population standard
 * deviation of a set of vectors, gathered while the vectors are counted anyway and merged part by
 * part, so that the data-quality report needs no pass of its own.
 *
 * <p>The arithmetic is Spark SQL's, which deequ's analyzers ran on before: the mean is a plain
 * running sum over the count ({@code Mean}), the deviation the central-moment update and merge of
 * Spark's {@code CentralMomentAgg} ({@code StandardDeviation} = sqrt(m2 / n)). Each part is summed
 * in row order and parts are merged in order into an empty total, as Spark's final aggregation
 * does, so the figures match what deequ reported for the same partitions.
 */
public final class NormStatistics implements Serializable {
  private static final long serialVersionUID = 1L;

  private long count;
  private long withId;
  private double sum;
  private double n;
  private double avg;
  private double m2;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  /** Every row of the block; ids that are null count against completeness. */
  public NormStatistics addAll(VectorBlock block) {
    for (int r = 0; r < block.rows(); r++) {
      add(block.norm(r), block.id(r) != null);
    }
    return this;
  }

  public NormStatistics add(double norm, boolean hasId) {
    count++;
    withId += hasId ? 1 : 0;
    sum += norm;
    min = Math.min(min, norm);
    max = Math.max(max, norm);
    double newN = n + 1.0;
    double delta = norm - avg;
    double deltaN = delta / newN;
    avg += deltaN;
    m2 += delta * (delta - deltaN);
    n = newN;
    return this;
  }

  /** This total with {@code other} merged in after it; both are changed no further by the caller. */
  public NormStatistics merge(NormStatistics other) {
    NormStatistics total = new NormStatistics();
    total.count = count + other.count;
    total.withId = withId + other.withId;
    total.sum = sum + other.sum;
    total.min = Math.min(min, other.min);
    total.max = Math.max(max, other.max);
    total.n = n + other.n;
    double delta = other.avg - avg;
    double deltaN = total.n == 0.0 ? 0.0 : delta / total.n;
    total.avg = avg + deltaN * other.n;
    total.m2 = m2 + other.m2 + delta * deltaN * n * other.n;
    return total;
  }

  public long count() {
    return count;
  }

  /** The share of vectors with an id (deequ's {@code Completeness}); NaN for none. */
  public double idCompleteness() {
    return (double) withId / count;
  }

  public long withId() {
    return withId;
  }

  public double min() {
    return min;
  }

  public double max() {
    return max;
  }

  public double mean() {
    return sum / count;
  }

  public double standardDeviation() {
    return Math.sqrt(m2 / n);
  }
}
