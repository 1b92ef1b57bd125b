package llmops.udfs.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
  /** A bin with at most this many values is collected in the next pass rather than split again. */
  private final int collectLimit;

  private final double[] probabilities;
  private final Target[] targets; // one per group and distinct rank
  private final int[][] rankTarget; // [group][2 * p + (0 lower | 1 upper)] -> index into targets
  private final long[] counts;
  private final int[][] targetsOfGroup;

  /** Where one order statistic is known to lie: the nested bins chosen so far, and how many values fall below them. */
  private static final class Target implements Serializable {
    private static final long serialVersionUID = 1L;
    final int group;
    final long rank;
    final List<double[]> chain = new ArrayList<>(); // each {lo, hi, bin}
    double lo;
    double hi;
    long below;
    boolean collect;
    boolean resolved;
    double value = Double.NaN;

    Target(int group, long rank, double lo, double hi) {
      this.group = group;
      this.rank = rank;
      this.lo = lo;
      this.hi = hi;
    }

    /** Whether a value lies in every bin chosen so far. */
    boolean holds(double v) {
      // Membership is decided by the same bin arithmetic that counted the values, never by the
      // interval's rounded bounds, so no value is counted in one pass and missed in the next.
      for (double[] level : chain) {
        if (bin(v, level[0], level[1]) != (int) level[2]) {
          return false;
        }
      }
      return true;
    }
  }

  public QuantileSearch(GroupSummary summary, double[] probabilities) {
    this(summary, probabilities, 200_000);
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
          rankTarget[g][2 * p] = rankTarget[g][2 * p + 1] = -1;
          continue;
        }
        double h = (n - 1) * probabilities[p];
        long[] ranks = {(long) Math.floor(h), (long) Math.ceil(h)};
        for (int side = 0; side < 2; side++) {
          int found = -1;
          for (int t = 0; t < all.size(); t++) {
            if (all.get(t).group == g && all.get(t).rank == ranks[side]) {
              found = t;
            }
          }
          if (found < 0) {
            Target target = new Target(g, ranks[side], summary.min(g), summary.max(g));
            // An interval of one value, or the extremes, need no search.
            if (target.lo == target.hi || ranks[side] == 0 || ranks[side] == n - 1) {
              target.resolved = true;
              target.value = target.lo == target.hi || ranks[side] == 0 ? target.lo : target.hi;
            } else if (n <= collectLimit) {
              target.collect = true;
            }
            all.add(target);
            found = all.size() - 1;
          }
          rankTarget[g][2 * p + side] = found;
        }
      }
    }
    targets = all.toArray(new Target[0]);
    targetsOfGroup = new int[groups][];
    for (int g = 0; g < groups; g++) {
      int group = g;
      targetsOfGroup[g] = java.util.stream.IntStream.range(0, targets.length).filter(t -> targets[t].group == group).toArray();
    }
  }

  public boolean done() {
    for (Target t : targets) {
      if (!t.resolved) {
        return false;
      }
    }
    return true;
  }

  /** An empty partial for the next pass; add every (group, value) to it, then merge the partials. */
  public Pass pass() {
    return new Pass(this);
  }

  /** One pass's counts (for targets still narrowing) and collected values (for targets ready to collect). */
  public static final class Pass implements Serializable {
    private static final long serialVersionUID = 1L;
    private final QuantileSearch search;
    private final long[][] histograms;
    private final TreeMap<Double, Long>[] collected; // value -> how often: repeated values cost one entry

    @SuppressWarnings("unchecked")
    Pass(QuantileSearch search) {
      this.search = search;
      int n = search.targets.length;
      histograms = new long[n][];
      collected = new TreeMap[n];
      for (int t = 0; t < n; t++) {
        Target target = search.targets[t];
        if (!target.resolved) {
          if (target.collect) {
            collected[t] = new TreeMap<>();
          } else {
            histograms[t] = new long[BINS];
          }
        }
      }
    }

    public void add(int group, double value) {
      for (int t : search.targetsOfGroup[group]) {
        Target target = search.targets[t];
        if (target.resolved || !target.holds(value)) {
          continue;
        }
        if (target.collect) {
          collected[t].merge(value, 1L, Long::sum);
        } else {
          histograms[t][bin(value, target.lo, target.hi)]++;
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
        if (collected[t] != null) {
          TreeMap<Double, Long> mine = collected[t];
          o.collected[t].forEach((v, c) -> mine.merge(v, c, Long::sum));
        }
      }
      return this;
    }
  }

  /** Narrows every target with the pass' counts, or picks its value from the pass' collected values. */
  public void advance(Pass pass) {
    for (int t = 0; t < targets.length; t++) {
      Target target = targets[t];
      if (target.resolved) {
        continue;
      }
      if (target.collect) {
        long seen = target.below;
        for (Map.Entry<Double, Long> e : pass.collected[t].entrySet()) {
          seen += e.getValue();
          if (seen > target.rank) {
            target.value = e.getKey();
            break;
          }
        }
        target.resolved = true;
        continue;
      }
      long[] histogram = pass.histograms[t];
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
      // Collect once few values are left, or once the bin is too narrow to split: then its values are
      // a handful of distinct doubles, however often each repeats.
      if (histogram[b] <= collectLimit || !(lo + (hi - lo) / BINS > lo)) {
        target.collect = true;
      }
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
