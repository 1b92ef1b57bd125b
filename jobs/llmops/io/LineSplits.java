package llmops.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import llmops.udfs.text.Utf8;
import llmops.udfs.vectors.Reasons;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.util.LineReader;

/**
 * Line files cut into units of parallel reading: a whole file, or a byte range of a large
 * uncompressed one (gzip cannot be split). Each line is reported with its byte offset, so a bad
 * record can be found again in its file.
 *
 * <p>Lines are read with a bounded buffer: a line longer than {@link #MAX_LINE_BYTES_KEY} bytes
 * (default {@link #DEFAULT_MAX_LINE_BYTES}) is read past, keeping only its first bytes, and reported
 * as {@code line_too_long}, so memory per task is bounded whatever the input holds. Hadoop's own
 * LineRecordReader has a limit too, but skips such lines without telling anyone.
 */
public final class LineSplits {
  private static final long SPLIT_BYTES = 128L << 20;
  /** The Hadoop configuration key of the line limit; on a cluster, {@code --conf spark.hadoop.llmops.max_line_bytes=N}. */
  public static final String MAX_LINE_BYTES_KEY = "llmops.max_line_bytes";
  /** 16 MiB: far above any real record (an 8192-dimension vector as text is about 120 KB), far below a task's memory. */
  public static final int DEFAULT_MAX_LINE_BYTES = 16 << 20;
  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private LineSplits() {}

  /** {@code source} is the file's path below the input root, as messages and record ids show it. */
  public record Split(String path, String source, long start, long length) implements Serializable {}

  /** What reading finds: usable lines, and lines set aside before any parsing, with their reason. */
  public interface LineVisitor {
    void line(long offset, byte[] bytes, int length);

    /** {@code raw} is the line's beginning, for people to recognise it, with invalid bytes shown as U+FFFD. */
    void rejected(long offset, String reason, String detail, String raw);
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

  /** Where and why reading a split stopped early: the offset of the line being read and what went wrong. */
  public record Failure(long offset, String detail) {}

  public static int maxLineBytes(Configuration conf) {
    int max = conf.getInt(MAX_LINE_BYTES_KEY, DEFAULT_MAX_LINE_BYTES);
    if (max < 1 || max > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(MAX_LINE_BYTES_KEY + " must be between 1 and " + (Integer.MAX_VALUE - 8) + " (got " + max + ")");
    }
    return max;
  }

  /**
   * Visits the split's lines, blank ones included, as Hadoop's LineRecordReader cuts them: a split
   * that starts inside a file skips its first (partial) line, which belongs to the split before, and
   * reads on past its end to finish its last line; a UTF-8 byte order mark at the start of a file is
   * dropped. A file whose bytes break midway (a truncated or damaged gzip) ends the visit after its
   * last good line; the failure is returned, else null.
   *
   * <p>A failure to get the bytes at all (opening, seeking or reading the file, such as a lost
   * connection to S3) is not the file's fault and is thrown, not returned: Spark retries the task,
   * and the job fails if the retries do, rather than reporting a good file as corrupt.
   */
  public static Failure read(Split split, Configuration conf, LineVisitor visitor) {
    int max = maxLineBytes(conf);
    Path path = new Path(split.path());
    long position = split.start(); // of the next line, in the uncompressed stream
    try (FSDataInputStream raw = path.getFileSystem(conf).open(path)) {
      raw.seek(split.start());
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
      long end = codec != null ? Long.MAX_VALUE : split.start() + split.length();
      InputStream bytes = new SourceStream(raw);
      try (LineReader lines = new LineReader(codec == null ? bytes : codec.createInputStream(bytes), conf)) {
        Text line = new Text();
        if (split.start() > 0) {
          position += lines.readLine(line, 0, Integer.MAX_VALUE);
        }
        while (position <= end) {
          long offset = position;
          // One byte over the limit is kept, to tell a line of exactly the limit from a longer one.
          int consumed = lines.readLine(line, max + 1, Integer.MAX_VALUE);
          if (consumed == 0) {
            break;
          }
          position += consumed;
          if (offset == 0 && startsWithBom(line)) {
            line.set(line.getBytes(), UTF8_BOM.length, line.getLength() - UTF8_BOM.length);
          }
          visit(offset, line, consumed, max, visitor);
        }
      } catch (IOException e) {
        if (causedBySource(e)) {
          throw e;
        }
        return new Failure(position, "reading stopped after byte offset " + position + " of the uncompressed stream: " + e);
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + path + " (a file system failure, not bad content)", e);
    }
  }

  private static boolean causedBySource(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SourceReadFailure) {
        return true;
      }
    }
    return false;
  }

  /** An I/O failure of the file system under a stream, told apart from a decoder's complaint about the bytes it got. */
  private static final class SourceReadFailure extends IOException {
    SourceReadFailure(IOException cause) {
      super(cause.toString(), cause);
    }
  }

  /** The file's raw bytes, with the file system's failures marked as {@link SourceReadFailure}. */
  private static final class SourceStream extends FilterInputStream {
    SourceStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        throw new SourceReadFailure(e);
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        return in.read(buffer, offset, length);
      } catch (IOException e) {
        throw new SourceReadFailure(e);
      }
    }

    @Override
    public long skip(long n) throws IOException {
      try {
        return super.skip(n);
      } catch (IOException e) {
        throw new SourceReadFailure(e);
      }
    }
  }

  private static void visit(long offset, Text line, int consumed, int max, LineVisitor visitor) {
    byte[] bytes = line.getBytes();
    int length = line.getLength();
    if (length > max) {
      visitor.rejected(offset, Reasons.LINE_TOO_LONG, "a line of " + consumed + " bytes (with its line end), longer than the limit of "
          + max + " bytes (" + MAX_LINE_BYTES_KEY + ")", preview(bytes, length));
      return;
    }
    int invalid = Utf8.firstInvalid(bytes, length);
    if (invalid >= 0) {
      visitor.rejected(offset, Reasons.INVALID_UTF8, String.format("byte %d of the line (0x%02X) is not valid UTF-8; is the file in another encoding?",
          invalid, bytes[invalid] & 0xff), preview(bytes, length));
      return;
    }
    visitor.line(offset, bytes, length);
  }

  /** The first BadRecord.MAX_RAW_CHARS bytes at most, decoded leniently: for a person to recognise the line, not to use it. */
  private static String preview(byte[] bytes, int length) {
    return new String(bytes, 0, Math.min(length, BadRecord.MAX_RAW_CHARS), StandardCharsets.UTF_8);
  }

  private static boolean startsWithBom(Text line) {
    byte[] b = line.getBytes();
    return line.getLength() >= UTF8_BOM.length && b[0] == UTF8_BOM[0] && b[1] == UTF8_BOM[1] && b[2] == UTF8_BOM[2];
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
