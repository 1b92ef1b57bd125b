package llmops.io;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.LineRecordReader;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;

/**
 * Line files cut into units of parallel reading: a whole file, or a byte range of a large
 * uncompressed one (gzip cannot be split). Each line is reported with its byte offset, so a bad
 * record can be found again in its file.
 */
public final class LineSplits {
  private static final long SPLIT_BYTES = 128L << 20;

  private LineSplits() {}

  /** {@code source} is the file's path below the input root, as messages and record ids show it. */
  public record Split(String path, String source, long start, long length) implements Serializable {}

  public interface LineVisitor {
    void line(long offset, byte[] bytes, int length);
  }

  public static List<Split> plan(Path root, List<LocatedFileStatus> files, Configuration hadoop) {
    CompressionCodecFactory codecs = new CompressionCodecFactory(hadoop);
    String rootPrefix = root.toUri().getPath();
    List<Split> splits = new ArrayList<>();
    for (LocatedFileStatus file : files) {
      String path = file.getPath().toString();
      String relative = file.getPath().toUri().getPath();
      String source = relative.startsWith(rootPrefix) && relative.length() > rootPrefix.length()
          ? relative.substring(rootPrefix.length()).replaceFirst("^/", "") : file.getPath().getName();
      boolean splittable = codecs.getCodec(file.getPath()) == null;
      long length = file.getLen();
      if (!splittable || length <= SPLIT_BYTES) {
        splits.add(new Split(path, source, 0, length));
      } else {
        for (long start = 0; start < length; start += SPLIT_BYTES) {
          splits.add(new Split(path, source, start, Math.min(SPLIT_BYTES, length - start)));
        }
      }
    }
    return splits;
  }

  /** Where and why reading a split stopped early: the offset of the last line reached and what went wrong. */
  public record Failure(long offset, String detail) {}

  /**
   * Visits the split's lines, blank ones included. A file that breaks midway (a truncated gzip) ends
   * the visit after its last good line; the failure is returned, else null.
   */
  public static Failure read(Split split, Configuration conf, LineVisitor visitor) {
    long offset = split.start();
    try (LineRecordReader reader = new LineRecordReader()) {
      reader.initialize(new FileSplit(new Path(split.path()), split.start(), split.length(), null),
          new TaskAttemptContextImpl(conf, new TaskAttemptID()));
      while (reader.nextKeyValue()) {
        offset = reader.getCurrentKey().get();
        visitor.line(offset, reader.getCurrentValue().getBytes(), reader.getCurrentValue().getLength());
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return new Failure(offset, "reading stopped after byte offset " + offset + " of the uncompressed stream: " + e);
    }
  }

  public static boolean isBlank(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      if (!Character.isWhitespace(bytes[i])) {
        return false;
      }
    }
    return true;
  }
}
