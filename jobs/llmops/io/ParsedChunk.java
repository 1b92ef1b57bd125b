package llmops.io;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import llmops.udfs.vectors.VectorBlock;

/** What one input split became: blocks of usable vectors (by dimension), bad records, and counts. */
public final class ParsedChunk implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<Integer, VectorBlock.Builder> builders = new HashMap<>();
  private final List<VectorBlock> blocks = new ArrayList<>();
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
    builders.values().forEach(b -> blocks.addAll(b.build()));
    builders.clear();
    return this;
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
