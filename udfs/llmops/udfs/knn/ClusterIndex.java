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
 * visits its clusters in order of centre distance and skips each whose lower bound exceeds its
 * current k-th distance; the answer is the brute force's, distance for distance (and, as equal
 * distances are visited too, neighbour for neighbour).
 *
 * <p>Cosine distance is not a metric, but for unit vectors it is half the squared Euclidean
 * distance; so for cosine the bounds are taken between unit vectors (a query's direction and each
 * cluster's centre direction, with the cluster's radius over its members' directions). A zero
 * vector, at cosine distance 1 from everything, is at only 1/2 in that space, so the bound still
 * holds for it.
 *
 * <p>Queries are searched in tiles of those sharing a nearest centre, so each visited cluster is one
 * matrix product for the tile's queries that still need it.
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
    int[] nearest = bounds(q, metric, centreDistances, lowerBounds);

    NeighbourHeaps heaps = new NeighbourHeaps(rows, k);
    TileScan scan = new TileScan(dim, metric);
    float[] tile = new float[TileScan.TILE_QUERIES * dim];
    int[] tileIds = new int[TileScan.TILE_QUERIES];
    int[] active = new int[TileScan.TILE_QUERIES];
    for (int[] group : groups(nearest)) {
      for (int from = 0; from < group.length; from += TileScan.TILE_QUERIES) {
        int count = Math.min(TileScan.TILE_QUERIES, group.length - from);
        System.arraycopy(group, from, tileIds, 0, count);
        for (int c : visitOrder(tileIds, count, centreDistances)) {
          int n = 0;
          for (int i = 0; i < count; i++) {
            int query = tileIds[i];
            // Ties are visited: a member at exactly the k-th distance may have a lower index.
            if (lowerBounds[query * clusters + c] <= heaps.bound(query)) {
              active[n] = query;
              System.arraycopy(queries, query * dim, tile, n * dim, dim);
              n++;
            }
          }
          if (n > 0) {
            for (Segment s : members.get(c)) {
              scan.scan(tile, 0, n, active, q, s, heaps);
            }
          }
        }
      }
    }
    return heaps.result(metric, scan.comparisons());
  }

  /**
   * Fills each query's distance to every centre (Euclidean, between directions for cosine) and the
   * lower bound it gives on the ranked distance to the cluster's members; returns each query's nearest centre.
   */
  private int[] bounds(Queries q, Metric metric, double[] centreDistances, double[] lowerBounds) {
    int[] nearest = new int[q.rows()];
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
        if (d < centreDistances[query * clusters + nearest[query]]) {
          nearest[query] = c;
        }
      }
    }
    return nearest;
  }

  /** Queries grouped by nearest centre, so a tile's queries tend to need the same clusters. */
  private List<int[]> groups(int[] nearest) {
    int[] counts = new int[clusters];
    for (int c : nearest) {
      counts[c]++;
    }
    int[][] out = new int[clusters][];
    for (int c = 0; c < clusters; c++) {
      out[c] = new int[counts[c]];
    }
    int[] filled = new int[clusters];
    for (int query = 0; query < nearest.length; query++) {
      out[nearest[query]][filled[nearest[query]]++] = query;
    }
    return Arrays.asList(out);
  }

  /** Clusters by the tile's smallest centre distance: its own clusters first, so the k-th distances shrink early. */
  private int[] visitOrder(int[] tileIds, int count, double[] centreDistances) {
    double[] closest = new double[clusters];
    Arrays.fill(closest, Double.POSITIVE_INFINITY);
    for (int i = 0; i < count; i++) {
      for (int c = 0; c < clusters; c++) {
        closest[c] = Math.min(closest[c], centreDistances[tileIds[i] * clusters + c]);
      }
    }
    return java.util.stream.IntStream.range(0, clusters).boxed()
        .sorted((a, b) -> Double.compare(closest[a], closest[b])).mapToInt(Integer::intValue).toArray();
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
