package llmops.udfs.knn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import llmops.udfs.clustering.Centroids;
import llmops.udfs.distance.CentroidDistances.Metric;
import llmops.udfs.linalg.Dots;

/**
 * An exact kNN search that uses clusters of the reference (a BASELINE's centroids) as an inverted
 * index. Every reference row is stored with the centre nearest to it, and each cluster knows its
 * radius: the largest distance of a member from its centre. By the triangle inequality no member of
 * a cluster is nearer to a query than (distance from the query to the centre) - radius, so a query
 * visits its nearest cluster first and skips every other cluster whose lower bound exceeds its current
 * k-th distance; the answer is the brute force's, distance for distance (and, as equal distances are
 * visited too, neighbour for neighbour).
 *
 * <p>Cosine distance is not a metric, but for unit vectors it is half the squared Euclidean
 * distance; so for cosine the bounds are taken between unit vectors (a query's direction and each
 * cluster's centre direction, with the cluster's radius over its members' directions). A zero
 * vector, at cosine distance 1 from everything, is at only 1/2 in that space, so the bound still
 * holds for it.
 *
 * <p>The search makes two passes over the clusters: first each query's own (nearest) cluster, then
 * every other cluster for the queries whose bound still admits it; all the queries visiting a cluster
 * in a pass share its matrix products, so even the few queries far from everything read each
 * cluster's rows together, not one by one.
 */
public final class ClusterIndex implements NearestNeighbours, Serializable {
  private static final long serialVersionUID = 1L;
  /** Rows per stored segment of a cluster: 65,536 x 384 floats is 100 MB, far from an array's 2^31 limit. */
  private static final int SEGMENT_ROWS = 1 << 16;
  /** Relative allowance subtracted from every lower bound for the rounding of its double arithmetic (~1e-15). */
  private static final double BOUND_SLACK = 1e-9;

  private final int dim;
  private final int clusters;
  private final double[] centres;
  private final double[] directions;
  private final double[] radii;
  private final double[] directionRadii;
  private final List<List<Segment>> members;
  private final long size;

  private ClusterIndex(int dim, double[] centres, double[] directions, double[] radii, double[] directionRadii, List<List<Segment>> members,
      long size) {
    this.dim = dim;
    this.clusters = radii.length;
    this.centres = centres;
    this.directions = directions;
    this.radii = radii;
    this.directionRadii = directionRadii;
    this.members = members;
    this.size = size;
  }

  /** Files every row of the reference under its nearest centre (a copy: the reference itself may then be dropped). */
  public static ClusterIndex build(KnnReference reference, Centroids centroids) {
    int dim = reference.dim();
    if (centroids.dim() != dim) {
      throw new IllegalArgumentException("centroids of dimension " + centroids.dim() + " for a reference of dimension " + dim);
    }
    int k = centroids.k();
    double[] centres = centroids.values();
    double[] directions = unitRows(centres, k, dim);
    double[] centreSquaredNorms = Dots.squaredNorms(centres, k, dim);
    ClusterBuilder[] builders = new ClusterBuilder[k];
    for (int c = 0; c < k; c++) {
      builders[c] = new ClusterBuilder(dim);
    }
    double[] radii = new double[k];
    double[] directionRadii = new double[k];
    for (Segment s : reference.segments()) {
      double[] rows = new double[s.rows() * dim];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = s.values()[i];
      }
      double[] dots = Dots.rowsTimesRows(rows, s.rows(), centres, k, dim);
      for (int r = 0; r < s.rows(); r++) {
        // Which centre a row is filed under only affects speed; the radius below is exact for whichever it is.
        int best = 0;
        for (int c = 1; c < k; c++) {
          if (centreSquaredNorms[c] - 2 * dots[r * k + c] < centreSquaredNorms[best] - 2 * dots[r * k + best]) {
            best = c;
          }
        }
        radii[best] = Math.max(radii[best], Math.sqrt(Dots.squaredDistance(rows, r * dim, centres, best * dim, dim)));
        directionRadii[best] = Math.max(directionRadii[best], directionDistance(rows, r * dim, s.norms()[r], directions, best * dim, dim));
        builders[best].add(s.values(), r, s.id(r));
      }
    }
    List<List<Segment>> members = new ArrayList<>();
    for (ClusterBuilder b : builders) {
      members.add(b.build());
    }
    return new ClusterIndex(dim, centres, directions, radii, directionRadii, members, reference.size());
  }

  @Override
  public int dim() {
    return dim;
  }

  @Override
  public long size() {
    return size;
  }

  public int clusters() {
    return clusters;
  }

  public long clusterSize(int c) {
    return members.get(c).stream().mapToLong(Segment::rows).sum();
  }

  public double radius(int c) {
    return radii[c];
  }

  @Override
  public Neighbours search(float[] queries, int rows, int k, Metric metric) {
    NearestNeighbours.check(this, k);
    Queries q = Queries.of(queries, rows, dim);
    double[] centreDistances = new double[rows * clusters];
    double[] lowerBounds = new double[rows * clusters];
    bounds(q, metric, centreDistances, lowerBounds);

    NeighbourHeaps heaps = new NeighbourHeaps(rows, k);
    TileScan scan = new TileScan(dim, metric);
    float[] tile = new float[TileScan.TILE_QUERIES * dim];
    int[] tileIds = new int[TileScan.TILE_QUERIES];
    int[] nearest = nearestCentres(centreDistances, rows);
    // First every query's own (nearest) cluster, which sets a tight k-th distance; then each other
    // cluster once, for all the queries whose bound still admits it, so that the few queries far from
    // everything share each cluster's matrix products rather than each reading the cluster alone.
    int[] batch = new int[rows];
    for (boolean ownPass : new boolean[] {true, false}) {
      for (int c = 0; c < clusters; c++) {
        int n = 0;
        for (int query = 0; query < rows; query++) {
          // Ties are visited: a member at exactly the k-th distance may have a lower index.
          if ((nearest[query] == c) == ownPass && lowerBounds[query * clusters + c] <= heaps.bound(query)) {
            batch[n++] = query;
          }
        }
        for (int from = 0; from < n; from += TileScan.TILE_QUERIES) {
          int count = Math.min(TileScan.TILE_QUERIES, n - from);
          for (int i = 0; i < count; i++) {
            tileIds[i] = batch[from + i];
            System.arraycopy(queries, tileIds[i] * dim, tile, i * dim, dim);
          }
          for (Segment s : members.get(c)) {
            scan.scan(tile, 0, count, tileIds, q, s, heaps);
          }
        }
      }
    }
    return heaps.result(metric, scan.comparisons());
  }

  /** Each query's nearest centre. */
  private int[] nearestCentres(double[] centreDistances, int rows) {
    int[] out = new int[rows];
    for (int query = 0; query < rows; query++) {
      for (int c = 1; c < clusters; c++) {
        if (centreDistances[query * clusters + c] < centreDistances[query * clusters + out[query]]) {
          out[query] = c;
        }
      }
    }
    return out;
  }

  /**
   * Fills each query's distance to every centre (Euclidean, between directions for cosine) and the
   * lower bound it gives on the ranked distance to the cluster's members.
   */
  private void bounds(Queries q, Metric metric, double[] centreDistances, double[] lowerBounds) {
    double[] direction = new double[dim];
    for (int query = 0; query < q.rows(); query++) {
      double norm = q.norms()[query];
      for (int j = 0; j < dim; j++) {
        direction[j] = norm == 0 ? 0 : q.values()[query * dim + j] / norm;
      }
      for (int c = 0; c < clusters; c++) {
        double d;
        double radius;
        if (metric == Metric.EUCLIDEAN) {
          double s = 0;
          for (int j = 0; j < dim; j++) {
            double diff = q.values()[query * dim + j] - centres[c * dim + j];
            s += diff * diff;
          }
          d = Math.sqrt(s);
          radius = radii[c];
        } else {
          d = Math.sqrt(Dots.squaredDistance(direction, 0, directions, c * dim, dim));
          radius = directionRadii[c];
        }
        double lower = Math.max(0, d - radius - BOUND_SLACK * (d + radius));
        centreDistances[query * clusters + c] = d;
        // In the ranked units: squared Euclidean, or cosine = |u - v|^2 / 2 for unit u, v.
        lowerBounds[query * clusters + c] = metric == Metric.EUCLIDEAN ? lower * lower : lower * lower / 2;
      }
    }
  }

  private static double[] unitRows(double[] rows, int n, int dim) {
    double[] out = new double[rows.length];
    for (int i = 0; i < n; i++) {
      double norm = Math.sqrt(Dots.squaredDistance(rows, i * dim, new double[dim], 0, dim));
      for (int j = 0; j < dim; j++) {
        out[i * dim + j] = norm == 0 ? 0 : rows[i * dim + j] / norm;
      }
    }
    return out;
  }

  private static double directionDistance(double[] rows, int from, double norm, double[] directions, int directionFrom, int dim) {
    double s = 0;
    for (int j = 0; j < dim; j++) {
      double diff = (norm == 0 ? 0 : rows[from + j] / norm) - directions[directionFrom + j];
      s += diff * diff;
    }
    return Math.sqrt(s);
  }

  /** One cluster's rows and indices, cut into segments as they arrive. */
  private static final class ClusterBuilder {
    private final int dim;
    private final List<Segment> done = new ArrayList<>();
    private float[] values;
    private long[] ids;
    private int rows;

    ClusterBuilder(int dim) {
      this.dim = dim;
    }

    void add(float[] source, int row, long id) {
      if (values == null) {
        values = new float[16 * dim];
        ids = new long[16];
      } else if (rows == ids.length) {
        int grown = Math.min(SEGMENT_ROWS, 2 * rows);
        values = Arrays.copyOf(values, grown * dim);
        ids = Arrays.copyOf(ids, grown);
      }
      System.arraycopy(source, row * dim, values, rows * dim, dim);
      ids[rows++] = id;
      if (rows == SEGMENT_ROWS) {
        flush();
      }
    }

    private void flush() {
      done.add(Segment.of(Arrays.copyOf(values, rows * dim), rows, dim, 0, Arrays.copyOf(ids, rows)));
      values = null;
      ids = null;
      rows = 0;
    }

    List<Segment> build() {
      if (rows > 0) {
        flush();
      }
      return done;
    }
  }
}
