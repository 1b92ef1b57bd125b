package llmops.io;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import llmops.udfs.time.TimeWindow;
import llmops.udfs.vectors.VectorBlock;

/** What one input split became: blocks of usable vectors (by dimension), bad records, and counts. */
public final class ParsedChunk implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<Integer, VectorBlock.Builder> builders = new HashMap<>();
  private final List<VectorBlock> blocks = new ArrayList<>();
  /** Per dimension, the times of the vectors added, in order: only when the input has a time field. */
  private final Map<Integer, LongSeries> timeSeries = new HashMap<>();
  /** Beside {@link #blocks}, each block's rows' times (epoch milliseconds); empty when the input has no time field. */
  private final List<long[]> times = new ArrayList<>();
  /** Per dimension, the segments of the vectors added, in order: only when the input has a segment field. */
  private final Map<Integer, List<String>> segmentSeries = new HashMap<>();
  /** Beside {@link #blocks}, each block's rows' segments; empty when the input has no segment field. */
  private final List<String[]> segments = new ArrayList<>();
  private final List<BadRecord> bad = new ArrayList<>();
  private long records;
  private long blankLines;
  private long namedVectors;

  /**
   * A usable vector. {@code named}: its id is the record's own; otherwise the reader made it from
   * where the record is ("source:offset"), which no other record can share.
   */
  public void addVector(String id, boolean named, float[] vector) {
    records++;
    namedVectors += named ? 1 : 0;
    builders.computeIfAbsent(vector.length, VectorBlock.Builder::new).add(id, vector);
  }

  /** A usable vector with its record's time (epoch milliseconds). */
  public void addVector(String id, boolean named, float[] vector, long epochMillis) {
    addVector(id, named, vector);
    timeSeries.computeIfAbsent(vector.length, d -> new LongSeries()).add(epochMillis);
  }

  /** A usable vector with its record's segment. */
  public void addVector(String id, boolean named, float[] vector, String segment) {
    addVector(id, named, vector);
    segmentSeries.computeIfAbsent(vector.length, d -> new ArrayList<>()).add(segment);
  }

  public void addBad(BadRecord record) {
    records++;
    bad.add(record);
  }

  /** A failure of the file itself (a corrupt gzip): reported, but not a record. */
  public void addFileFailure(BadRecord failure) {
    bad.add(failure);
  }

  public void addBlankLine() {
    blankLines++;
  }

  public ParsedChunk finish() {
    for (VectorBlock.Builder builder : builders.values()) {
      List<VectorBlock> built = builder.build();
      blocks.addAll(built);
      LongSeries series = timeSeries.get(builder.dim());
      List<String> segmentsOfDim = segmentSeries.get(builder.dim());
      // The builder cuts its rows into blocks in the order they came: the times are cut the same way.
      int from = 0;
      for (VectorBlock block : built) {
        if (series != null) {
          times.add(Arrays.copyOfRange(series.values, from, from + block.rows()));
        }
        if (segmentsOfDim != null) {
          segments.add(segmentsOfDim.subList(from, from + block.rows()).toArray(new String[0]));
        }
        from += block.rows();
      }
    }
    builders.clear();
    timeSeries.clear();
    segmentSeries.clear();
    return this;
  }

  /**
   * The vectors of dimension {@code dim} whose time is in [from, to), as a chunk of their own
   * (without bad records or blank lines: those belong to the whole input). Its vectors count as
   * named when any of this chunk's are, so ids are still checked for repeats where they may repeat.
   */
  public ParsedChunk within(int dim, long from, long to) {
    if (!blocks.isEmpty() && times.size() != blocks.size()) {
      throw new IllegalStateException("the input was read without a time field");
    }
    return select(dim, (block, row) -> times.get(block)[row] >= from && times.get(block)[row] < to);
  }

  /** The vectors of dimension {@code dim} of one segment, as {@link #within} selects a window's. */
  public ParsedChunk inSegment(int dim, String segment) {
    if (!blocks.isEmpty() && segments.size() != blocks.size()) {
      throw new IllegalStateException("the input was read without a segment field");
    }
    return select(dim, (block, row) -> segments.get(block)[row].equals(segment));
  }

  /** Which rows a selection keeps: block index, row index. */
  private interface RowTest {
    boolean keep(int block, int row);
  }

  /** The selected vectors of dimension {@code dim} with their times or segments, in order, as a chunk of their own. */
  private ParsedChunk select(int dim, RowTest test) {
    ParsedChunk selected = new ParsedChunk();
    for (int i = 0; i < blocks.size(); i++) {
      VectorBlock block = blocks.get(i);
      for (int r = 0; block.dim() == dim && r < block.rows(); r++) {
        if (!test.keep(i, r)) {
          continue;
        }
        if (!times.isEmpty()) {
          selected.addVector(block.id(r), namedVectors > 0, block.row(r), times.get(i)[r]);
        } else if (!segments.isEmpty()) {
          selected.addVector(block.id(r), namedVectors > 0, block.row(r), segments.get(i)[r]);
        } else {
          selected.addVector(block.id(r), namedVectors > 0, block.row(r));
        }
      }
    }
    return selected.finish();
  }

  /** How many vectors of dimension {@code dim} each segment has. */
  public Map<String, Long> countsBySegment(int dim) {
    Map<String, Long> counts = new TreeMap<>();
    for (int i = 0; i < segments.size(); i++) {
      if (blocks.get(i).dim() == dim) {
        for (String segment : segments.get(i)) {
          counts.merge(segment, 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  /** How many vectors of dimension {@code dim} fall in each window, by the window's start. */
  public Map<Long, Long> countsByWindow(int dim, TimeWindow window) {
    Map<Long, Long> counts = new TreeMap<>();
    for (int i = 0; i < times.size(); i++) {
      if (blocks.get(i).dim() == dim) {
        for (long t : times.get(i)) {
          counts.merge(window.start(t), 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  /** A growing array of longs, so a million times are not a million boxed Longs. */
  private static final class LongSeries implements Serializable {
    private static final long serialVersionUID = 1L;
    private long[] values = new long[256];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }
  }

  public List<VectorBlock> blocks() {
    return blocks;
  }

  public List<BadRecord> bad() {
    return bad;
  }

  public long records() {
    return records;
  }

  public long blankLines() {
    return blankLines;
  }

  /** The vectors whose ids the data gave: only these can repeat an id. */
  public long namedVectors() {
    return namedVectors;
  }

  public Map<Integer, Long> dimensionCounts() {
    Map<Integer, Long> counts = new TreeMap<>();
    for (VectorBlock b : blocks) {
      counts.merge(b.dim(), (long) b.rows(), Long::sum);
    }
    return counts;
  }
}
