package llmops.udfs.drift;

import java.io.Serializable;
import llmops.udfs.clustering.Centroids;
import llmops.udfs.vectors.VectorBlock;

/**
 * One pass over a snapshot under its baseline's clusters: how many points each baseline cluster
 * gets, and which points lie outside every baseline cluster (farther from the nearest baseline
 * centre than that cluster's limit, e.g. the p99 of its own points' distances), counted per
 * snapshot cluster. A snapshot cluster most of whose points lie outside is a region the baseline
 * did not cover.
 */
public final class BaselineCoverage implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Centroids baseline;
  private final Centroids snapshot;
  private final double[] squaredLimits;
  private final long[] baselineCounts;
  private final long[] snapshotCounts;
  private final long[] snapshotOutside;

  /** @param limits per baseline cluster, the distance to its centre beyond which a point is outside it */
  public BaselineCoverage(Centroids baseline, double[] limits, Centroids snapshot) {
    this.baseline = baseline;
    this.snapshot = snapshot;
    squaredLimits = new double[limits.length];
    for (int c = 0; c < limits.length; c++) {
      squaredLimits[c] = limits[c] * limits[c];
    }
    baselineCounts = new long[baseline.k()];
    snapshotCounts = new long[snapshot.k()];
    snapshotOutside = new long[snapshot.k()];
  }

  public void add(VectorBlock block) {
    double[] x = block.valuesAsDoubles();
    double[] squared = new double[block.rows()];
    int[] nearestBaseline = baseline.assign(block, x, squared);
    int[] ownCluster = snapshot.assign(block, x, null);
    for (int r = 0; r < block.rows(); r++) {
      int b = nearestBaseline[r];
      baselineCounts[b]++;
      snapshotCounts[ownCluster[r]]++;
      if (squared[r] > squaredLimits[b]) {
        snapshotOutside[ownCluster[r]]++;
      }
    }
  }

  public BaselineCoverage merge(BaselineCoverage o) {
    for (int c = 0; c < baselineCounts.length; c++) {
      baselineCounts[c] += o.baselineCounts[c];
    }
    for (int c = 0; c < snapshotCounts.length; c++) {
      snapshotCounts[c] += o.snapshotCounts[c];
      snapshotOutside[c] += o.snapshotOutside[c];
    }
    return this;
  }

  /** Snapshot points per baseline cluster (each point counted at its nearest baseline centre). */
  public long[] baselineCounts() {
    return baselineCounts.clone();
  }

  /** Share of all snapshot points outside every baseline cluster. */
  public double outsideShare() {
    long outside = 0;
    long total = 0;
    for (int c = 0; c < snapshotCounts.length; c++) {
      outside += snapshotOutside[c];
      total += snapshotCounts[c];
    }
    return total == 0 ? 0 : (double) outside / total;
  }

  /** Per snapshot cluster, the share of its points outside every baseline cluster. */
  public double[] outsideShareBySnapshotCluster() {
    double[] out = new double[snapshotCounts.length];
    for (int c = 0; c < out.length; c++) {
      out[c] = snapshotCounts[c] == 0 ? 0 : (double) snapshotOutside[c] / snapshotCounts[c];
    }
    return out;
  }

  /** Whether a snapshot cluster is a new region: most of its points lie outside every baseline cluster. */
  public boolean isNewRegion(int snapshotCluster) {
    return snapshotCounts[snapshotCluster] > 0 && 2 * snapshotOutside[snapshotCluster] > snapshotCounts[snapshotCluster];
  }

  /** Share of all snapshot points in new regions ({@link #isNewRegion}). */
  public double newRegionShare() {
    long inNewRegions = 0;
    long total = 0;
    for (int c = 0; c < snapshotCounts.length; c++) {
      total += snapshotCounts[c];
      inNewRegions += isNewRegion(c) ? snapshotCounts[c] : 0;
    }
    return total == 0 ? 0 : (double) inNewRegions / total;
  }
}
