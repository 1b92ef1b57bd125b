package llmops.udfs.knn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import llmops.udfs.distance.CentroidDistances.Metric;
import llmops.udfs.vectors.VectorBlock;

/**
 * Reference vectors held as blocks of float32 rows (so no single array needs more than 2^31
 * values: 10M x 384 is 3.8 billion), searched by brute force: every query tile against every row,
 * through {@link TileScan}. A row's index is its position in the order the blocks were given.
 */
public final class KnnReference implements NearestNeighbours, Serializable {
  private static final long serialVersionUID = 1L;

  private final int dim;
  private final List<Segment> segments;
  private final long size;

  private KnnReference(int dim, List<Segment> segments) {
    this.dim = dim;
    this.segments = segments;
    this.size = segments.stream().mapToLong(Segment::rows).sum();
  }

  /** The blocks' rows, in order, without copying their values. */
  public static KnnReference of(int dim, List<VectorBlock> blocks) {
    List<Segment> segments = new ArrayList<>();
    long first = 0;
    for (VectorBlock b : blocks) {
      if (b.dim() != dim) {
        throw new IllegalArgumentException("a reference block of dimension " + b.dim() + " where the reference's is " + dim);
      }
      segments.add(Segment.of(b.values(), b.rows(), dim, first, null));
      first += b.rows();
    }
    return new KnnReference(dim, segments);
  }

  /** Row-major float32 values, one array per block. */
  public static KnnReference ofArrays(int dim, List<float[]> blocks) {
    List<VectorBlock> out = new ArrayList<>();
    for (float[] values : blocks) {
      int rows = values.length / dim;
      out.add(new VectorBlock(dim, rows, values, new String[rows]));
    }
    return of(dim, out);
  }

  @Override
  public int dim() {
    return dim;
  }

  @Override
  public long size() {
    return size;
  }

  List<Segment> segments() {
    return segments;
  }

  @Override
  public Neighbours search(float[] queries, int rows, int k, Metric metric) {
    NearestNeighbours.check(this, k);
    Queries q = Queries.of(queries, rows, dim);
    NeighbourHeaps heaps = new NeighbourHeaps(rows, k);
    TileScan scan = new TileScan(dim, metric);
    // Query tile outside, reference inside: the tile stays in cache while the reference streams past it.
    for (int from = 0; from < rows; from += TileScan.TILE_QUERIES) {
      int count = Math.min(TileScan.TILE_QUERIES, rows - from);
      for (Segment s : segments) {
        scan.scan(queries, from, count, null, q, s, heaps);
      }
    }
    return heaps.result(metric, scan.comparisons());
  }
}
