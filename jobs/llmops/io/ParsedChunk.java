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

  public void addVector(String id, float[] vector) {
    records++;
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

  public Map<Integer, Long> dimensionCounts() {
    Map<Integer, Long> counts = new TreeMap<>();
    for (VectorBlock b : blocks) {
      counts.merge(b.dim(), (long) b.rows(), Long::sum);
    }
    return counts;
  }
}
