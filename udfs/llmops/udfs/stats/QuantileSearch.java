package llmops.udfs.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Exact quantiles of values in numbered groups, found in a few passes over data too large to sort
 * in one place. Each quantile is interpolated between two order statistics, as NumPy's default
 * ({@code np.percentile(..., method="linear")}: rank h = (n - 1) p). Every wanted order statistic
 * is searched for at once: each pass counts the values of the interval still holding it into
 * {@value #BINS} bins and keeps the bin that holds its rank, until a bin is small enough for the
 * next pass to collect its values and pick the statistic exactly.
 *
 * <p>Use: {@code while (!search.done()) { Pass p = search.pass(); (add every value to p, merge the
 * partials); search.advance(p); }}, then {@link #quantile}.
 */
public final class QuantileSearch implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int BINS = 4096;

  /** What a pass does for a target: count its interval into bins, collect its values, or count its few distinct values. */
  private enum Mode { SEARCH, COLLECT, DISTINCT, RESOLVED }

  /** Where one order statistic is known to lie: the nested bins chosen so far, and how many values fall below them. */
  private static final class Target implements Serializable {
    private static final long serialVersionUID = 1L;
    final int group;
    final long rank;
    final List<double[]> chain = new ArrayList<>(); // each {lo, hi, bin}
    double lo;
    double hi;
    long below;
    Mode mode = Mode.SEARCH;
    double value = Double.NaN;

    Target(int group, long rank, double lo, double hi) {
      this.group = group;
      this.rank = rank;
      this.lo = lo;
      this.hi = hi;
    }

    /**
     * Whether a value lies in every bin chosen so far. Membership is decided by the same bin
     * arithmetic that counted the values, never by the interval's rounded bounds, so no value is
     * counted in one pass and missed in the next.
     */
    boolean holds(double v) {
      for (double[] level : chain) {
        if (bin(v, level[0], level[1]) != (int) level[2]) {
          return false;
        }
      }
      return true;
    }

    void resolve(double v) {
      value = v;
      mode = Mode.RESOLVED;
    }
  }

  /** A bin with at most this many values is collected in the next pass rather than split again. */
  private final int collectLimit;
  private final double[] probabilities;
  private final long[] counts;
  private final Target[] targets; // one per group and distinct rank
  private final int[][] rankTarget; // [group][2 * p + (0 lower | 1 upper)] -> index into targets
  private final int[][] targetsOfGroup;

  public QuantileSearch(GroupSummary summary, double[] probabilities) {
    this(summary, probabilities, 20_000);
  }

  QuantileSearch(GroupSummary summary, double[] probabilities, int collectLimit) {
    this.collectLimit = collectLimit;
    this.probabilities = probabilities.clone();
    int groups = summary.groups();
    counts = new long[groups];
    rankTarget = new int[groups][2 * probabilities.length];
    List<Target> all = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      long n = summary.count(g);
      counts[g] = n;
      for (int p = 0; p < probabilities.length; p++) {
        if (!(probabilities[p] >= 0 && probabilities[p] <= 1)) {
          throw new IllegalArgumentException("a quantile's probability must be in [0, 1], got " + probabilities[p]);
        }
        if (n == 0) {
          continue;
        }
        double h = (n - 1) * probabilities[p];
        long[] ranks = {(long) Math.floor(h), (long) Math.ceil(h)};
        for (int side = 0; side < 2; side++) {
          rankTarget[g][2 * p + side] = targetFor(all, g, ranks[side], n, summary);
        }
      }
    }
    targets = all.toArray(new Target[0]);
    targetsOfGroup = new int[groups][];
    for (int g = 0; g < groups; g++) {
      int group = g;
      targetsOfGroup[g] = IntStream.range(0, targets.length).filter(t -> targets[t].group == group).toArray();
    }
  }

  private int targetFor(List<Target> all, int group, long rank, long n, GroupSummary summary) {
    for (int t = 0; t < all.size(); t++) {
      if (all.get(t).group == group && all.get(t).rank == rank) {
        return t;
      }
    }
    Target target = new Target(group, rank, summary.min(group), summary.max(group));
    // The extremes, or a group of one value, need no search; a small group is collected at once.
    if (rank == 0 || target.lo == target.hi) {
      target.resolve(target.lo);
    } else if (rank == n - 1) {
      target.resolve(target.hi);
    } else if (n <= collectLimit) {
      target.mode = Mode.COLLECT;
    }
    all.add(target);
    return all.size() - 1;
  }

  public boolean done() {
    return Arrays.stream(targets).allMatch(t -> t.mode == Mode.RESOLVED);
  }

  /** An empty partial for the next pass; add every (group, value) to it, then merge the partials. */
  public Pass pass() {
    return new Pass(this);
  }

  /** One pass's bin counts, collected values and distinct-value counts, per target. */
  public static final class Pass implements Serializable {
    private static final long serialVersionUID = 1L;
    private final QuantileSearch search;
    private final long[][] histograms;
    private final double[][] values;
    private final int[] valueCount;
    private final List<TreeMap<Double, Long>> distinct;

    Pass(QuantileSearch search) {
      this.search = search;
      int n = search.targets.length;
      histograms = new long[n][];
      values = new double[n][];
      valueCount = new int[n];
      distinct = new ArrayList<>();
      for (int t = 0; t < n; t++) {
        Mode mode = search.targets[t].mode;
        histograms[t] = mode == Mode.SEARCH ? new long[BINS] : null;
        values[t] = mode == Mode.COLLECT ? new double[64] : null;
        distinct.add(mode == Mode.DISTINCT ? new TreeMap<>() : null);
      }
    }

    public void add(int group, double value) {
      for (int t : search.targetsOfGroup[group]) {
        Target target = search.targets[t];
        if (target.mode == Mode.RESOLVED || !target.holds(value)) {
          continue;
        }
        switch (target.mode) {
          case SEARCH -> histograms[t][bin(value, target.lo, target.hi)]++;
          case COLLECT -> {
            if (valueCount[t] == values[t].length) {
              values[t] = Arrays.copyOf(values[t], 2 * values[t].length);
            }
            values[t][valueCount[t]++] = value;
          }
          case DISTINCT -> distinct.get(t).merge(value, 1L, Long::sum);
          default -> { }
        }
      }
    }

    public Pass merge(Pass o) {
      for (int t = 0; t < histograms.length; t++) {
        if (histograms[t] != null) {
          for (int b = 0; b < BINS; b++) {
            histograms[t][b] += o.histograms[t][b];
          }
        }
        if (values[t] != null) {
          double[] joined = Arrays.copyOf(values[t], valueCount[t] + o.valueCount[t]);
          System.arraycopy(o.values[t], 0, joined, valueCount[t], o.valueCount[t]);
          values[t] = joined;
          valueCount[t] = joined.length;
        }
        if (distinct.get(t) != null) {
          TreeMap<Double, Long> mine = distinct.get(t);
          o.distinct.get(t).forEach((v, c) -> mine.merge(v, c, Long::sum));
        }
      }
      return this;
    }
  }

  /** Narrows every target with the pass' counts, or picks its value from the pass' collected values. */
  public void advance(Pass pass) {
    for (int t = 0; t < targets.length; t++) {
      Target target = targets[t];
      int offset = (int) (target.rank - target.below);
      switch (target.mode) {
        case COLLECT -> {
          double[] values = Arrays.copyOf(pass.values[t], pass.valueCount[t]);
          Arrays.sort(values);
          target.resolve(values[offset]);
        }
        case DISTINCT -> {
          long seen = 0;
          for (Map.Entry<Double, Long> e : pass.distinct.get(t).entrySet()) {
            seen += e.getValue();
            if (seen > offset) {
              target.resolve(e.getKey());
              break;
            }
          }
        }
        case SEARCH -> narrow(target, pass.histograms[t]);
        default -> { }
      }
    }
  }

  private void narrow(Target target, long[] histogram) {
    long before = target.below;
    int b = 0;
    while (before + histogram[b] <= target.rank) {
      before += histogram[b++];
    }
    double width = (target.hi - target.lo) / BINS;
    target.chain.add(new double[] {target.lo, target.hi, b});
    double lo = target.lo + b * width;
    double hi = b == BINS - 1 ? target.hi : target.lo + (b + 1) * width;
    target.below = before;
    target.lo = lo;
    target.hi = hi;
    if (histogram[b] <= collectLimit) {
      target.mode = Mode.COLLECT;
    } else if (!(lo + (hi - lo) / BINS > lo)) {
      // Too narrow to split again: its many values are a handful of distinct doubles, repeated.
      target.mode = Mode.DISTINCT;
    }
  }

  private static int bin(double v, double lo, double hi) {
    if (hi <= lo) {
      return 0;
    }
    int b = (int) ((v - lo) / (hi - lo) * BINS);
    return Math.max(0, Math.min(BINS - 1, b));
  }

  /** The quantile of probability {@code probabilities[p]} in a group, NaN for an empty group. */
  public double quantile(int group, int p) {
    if (counts[group] == 0) {
      return Double.NaN;
    }
    Target lower = targets[rankTarget[group][2 * p]];
    Target upper = targets[rankTarget[group][2 * p + 1]];
    double h = (counts[group] - 1) * probabilities[p];
    double fraction = h - Math.floor(h);
    return lower.value + fraction * (upper.value - lower.value);
  }
}
