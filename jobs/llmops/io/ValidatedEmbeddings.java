package llmops.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import llmops.spark.BlockPartitions;
import llmops.udfs.time.TimeWindow;
import llmops.udfs.vectors.NormStatistics;
import llmops.udfs.vectors.Reasons;
import llmops.udfs.vectors.VectorBlock;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * Parsed input split into the vectors a job computes on and everything else. The dimension is
 * the one given, or else the most common one; vectors of any other dimension join the bad records.
 */
public final class ValidatedEmbeddings {
  /** Records without an id of their own are named "source:offset" by the reader. */
  private static final java.util.regex.Pattern LOCATED_ID = java.util.regex.Pattern.compile("(.+):(\\d+)");
  private final EmbeddingInput.Parsed input;
  private final int dim;
  private final long valid;
  private final long records;
  private final long blankLines;
  private final Map<String, Long> quarantined;
  private final Map<Integer, Long> dimensions;
  private final NormStatistics norms;
  private final long namedVectors;
  /** Per read partition, the rows of each block of the data's dimension, in order. */
  private final List<long[]> blockRows;
  /** The blocks spread anew by {@link #spreadOver}, cached; null: as read. */
  private JavaRDD<VectorBlock> spread;

  private ValidatedEmbeddings(EmbeddingInput.Parsed input, int dim, long valid, long records, long blankLines,
      Map<String, Long> quarantined, Map<Integer, Long> dimensions, NormStatistics norms, long namedVectors, List<long[]> blockRows) {
    this.input = input;
    this.dim = dim;
    this.valid = valid;
    this.records = records;
    this.blankLines = blankLines;
    this.quarantined = quarantined;
    this.dimensions = dimensions;
    this.norms = norms;
    this.namedVectors = namedVectors;
    this.blockRows = blockRows;
  }

  private record Counts(long records, long blankLines, Map<Integer, Long> dimensions, Map<String, Long> reasons,
      Map<Integer, NormStatistics> norms, long namedVectors, Map<Integer, long[]> blockRows) implements java.io.Serializable {}

  /**
   * Counts everything, norms included, in one pass over the cached chunks; {@code expectedDim} null
   * means "the most common".
   */
  public static ValidatedEmbeddings of(EmbeddingInput.Parsed input, Integer expectedDim) {
    List<Counts> perChunk = input.chunks().map(c -> {
      Map<String, Long> reasons = new TreeMap<>();
      c.bad().forEach(b -> reasons.merge(b.reason(), 1L, Long::sum));
      Map<Integer, NormStatistics> norms = new TreeMap<>();
      c.blocks().forEach(b -> norms.computeIfAbsent(b.dim(), d -> new NormStatistics()).addAll(b));
      Map<Integer, long[]> blockRows = new TreeMap<>();
      c.blocks().stream().map(VectorBlock::dim).distinct().forEach(d ->
          blockRows.put(d, c.blocks().stream().filter(b -> b.dim() == d).mapToLong(VectorBlock::rows).toArray()));
      return new Counts(c.records(), c.blankLines(), c.dimensionCounts(), reasons, norms, c.namedVectors(), blockRows);
    }).collect();
    long records = 0;
    long blank = 0;
    long named = 0;
    Map<Integer, Long> dims = new TreeMap<>();
    Map<String, Long> reasons = new TreeMap<>();
    for (Counts c : perChunk) {
      records += c.records();
      blank += c.blankLines();
      named += c.namedVectors();
      c.dimensions().forEach((d, n) -> dims.merge(d, n, Long::sum));
      c.reasons().forEach((r, n) -> reasons.merge(r, n, Long::sum));
    }
    int dim = expectedDim != null ? expectedDim : mostCommon(dims);
    long valid = dims.getOrDefault(dim, 0L);
    long mismatched = dims.entrySet().stream().filter(e -> e.getKey() != dim).mapToLong(Map.Entry::getValue).sum();
    if (mismatched > 0) {
      reasons.merge(Reasons.DIMENSION_MISMATCH, mismatched, Long::sum);
    }
    // In chunk order from an empty total, as Spark merges partial aggregates, so the figures are the ones deequ gave.
    NormStatistics norms = new NormStatistics();
    List<long[]> blockRows = new ArrayList<>();
    for (Counts c : perChunk) {
      norms = norms.merge(c.norms().getOrDefault(dim, new NormStatistics()));
      blockRows.add(c.blockRows().getOrDefault(dim, new long[0]));
    }
    return new ValidatedEmbeddings(input, dim, valid, records, blank, reasons, dims, norms, named, blockRows);
  }

  private static int mostCommon(Map<Integer, Long> dims) {
    return dims.entrySet().stream()
        .max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey).orElse(0);
  }

  public int dim() {
    return dim;
  }

  public long valid() {
    return valid;
  }

  public long records() {
    return records;
  }

  public long blankLines() {
    return blankLines;
  }

  public Map<String, Long> quarantinedByReason() {
    return quarantined;
  }

  public long quarantined() {
    return quarantined.values().stream().mapToLong(Long::longValue).sum();
  }

  public Map<Integer, Long> dimensions() {
    return dimensions;
  }

  /** Count, id completeness and L2 norms of the vectors of the data's dimension. */
  public NormStatistics norms() {
    return norms;
  }

  /**
   * The vectors, of any dimension, whose ids the data gave. When there are none, every id was made
   * from a distinct place in the input and no two can be the same.
   */
  public long namedVectors() {
    return namedVectors;
  }

  public InputFormat format() {
    return input.format();
  }

  public int files() {
    return input.files();
  }

  /**
   * Spreads the vectors evenly over the cores when the reader's partitions are uneven (see
   * {@link BlockPartitions}); {@link #blocks()} returns them from then on. Returns the spread the
   * passes will run on, for the summary.
   */
  public BlockPartitions.Layout spreadOver(int cores) {
    if (spread != null) {
      throw new IllegalStateException("the vectors are already spread");
    }
    BlockPartitions.Spread s = BlockPartitions.spread(blocks(), blockRows, cores);
    if (s.layout().rebalanced()) {
      spread = s.blocks();
    }
    return s.layout();
  }

  /** How the vectors are spread as read, without moving them. */
  public BlockPartitions.Layout layoutAsRead(int cores) {
    return BlockPartitions.asRead(blockRows, cores);
  }

  public JavaRDD<VectorBlock> blocks() {
    if (spread != null) {
      return spread;
    }
    int d = dim;
    return input.chunks().flatMap(c -> c.blocks().stream().filter(b -> b.dim() == d).iterator());
  }

  public JavaRDD<BadRecord> badRecords() {
    int d = dim;
    return input.chunks().flatMap(c -> {
      List<BadRecord> all = new ArrayList<>(c.bad());
      for (VectorBlock b : c.blocks()) {
        if (b.dim() != d) {
          for (int r = 0; r < b.rows(); r++) {
            String id = b.id(r);
            java.util.regex.Matcher located = LOCATED_ID.matcher(id);
            boolean hasPlace = located.matches();
            all.add(BadRecord.of(hasPlace ? located.group(1) : null, hasPlace ? Long.parseLong(located.group(2)) : -1, id, Reasons.DIMENSION_MISMATCH,
                "dimension " + b.dim() + " where the data's is " + d, java.util.Arrays.toString(b.row(r))));
          }
        }
      }
      return all.iterator();
    });
  }


  /** How many of the vectors fall in each window, by the window's start (epoch milliseconds), earliest first. */
  public Map<Long, Long> countsByWindow(TimeWindow window) {
    int d = dim;
    Map<Long, Long> counts = new TreeMap<>();
    input.chunks().map(c -> c.countsByWindow(d, window)).collect().forEach(c -> c.forEach((start, n) -> counts.merge(start, n, Long::sum)));
    return counts;
  }

  /**
   * The vectors whose time is in [from, to), validated as an input of their own (cached until
   * released): each window is judged as a SNAPSHOT of just its vectors. Bad records stay with the
   * whole input, which quarantines them once.
   */
  public ValidatedEmbeddings within(long from, long to) {
    int d = dim;
    return selected(input.chunks().map(c -> c.within(d, from, to)));
  }

  /** How many of the vectors each segment has, by segment. */
  public Map<String, Long> countsBySegment() {
    int d = dim;
    Map<String, Long> counts = new TreeMap<>();
    input.chunks().map(c -> c.countsBySegment(d)).collect().forEach(c -> c.forEach((segment, n) -> counts.merge(segment, n, Long::sum)));
    return counts;
  }

  /** One segment's vectors, validated as an input of their own as {@link #within} does a window's. */
  public ValidatedEmbeddings inSegment(String segment) {
    int d = dim;
    return selected(input.chunks().map(c -> c.inSegment(d, segment)));
  }

  private ValidatedEmbeddings selected(JavaRDD<ParsedChunk> chunks) {
    return of(new EmbeddingInput.Parsed(chunks.persist(StorageLevel.MEMORY_AND_DISK()), input.format(), input.files()), dim);
  }

  public void release() {
    if (spread != null) {
      spread.unpersist(false);
    }
    input.chunks().unpersist(false);
  }
}
