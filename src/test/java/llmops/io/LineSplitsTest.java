package llmops.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line reader every text input goes through: splits, the line limit, the UTF-8 check. */
class LineSplitsTest {
  @TempDir
  Path dir;

  /** What a visit saw: "offset:text" per line, "offset:reason" per rejected line. */
  private static List<String> visit(LineSplits.Split split, Configuration conf) {
    List<String> seen = new ArrayList<>();
    assertNull(LineSplits.read(split, conf, new LineSplits.LineVisitor() {
      @Override
      public void line(long offset, byte[] bytes, int length) {
        seen.add(offset + ":" + new String(bytes, 0, length, StandardCharsets.UTF_8));
      }

      @Override
      public void rejected(long offset, String reason, String detail, String raw) {
        seen.add(offset + ":" + reason);
      }
    }));
    return seen;
  }

  private static Configuration limit(int bytes) {
    Configuration conf = new Configuration(false);
    conf.setInt(LineSplits.MAX_LINE_BYTES_KEY, bytes);
    return conf;
  }

  @Test
  void everyLineIsReadOnceWhereverTheFileIsCutIntoSplits() throws Exception {
    Path file = dir.resolve("lines.txt");
    String text = "alpha\nbe\n\ngamma delta\r\nepsilon\nz";
    Files.writeString(file, text);
    List<String> whole = visit(new LineSplits.Split(file.toString(), "lines.txt", 0, text.length()), new Configuration(false));
    assertEquals(List.of("0:alpha", "6:be", "9:", "10:gamma delta", "23:epsilon", "31:z"), whole);
    for (int cut = 1; cut < text.length(); cut++) {
      List<String> both = new ArrayList<>(visit(new LineSplits.Split(file.toString(), "lines.txt", 0, cut), new Configuration(false)));
      both.addAll(visit(new LineSplits.Split(file.toString(), "lines.txt", cut, text.length() - cut), new Configuration(false)));
      assertEquals(whole, both, "cut at " + cut);
    }
  }

  @Test
  void aLineOverTheLimitIsRejectedAndTheLinesAfterItAreRead() throws Exception {
    Path file = dir.resolve("long.txt");
    Files.writeString(file, "short\n" + "x".repeat(101) + "\n" + "x".repeat(100) + "\nlast\n");
    assertEquals(List.of("0:short", "6:line_too_long", "108:" + "x".repeat(100), "209:last"),
        visit(new LineSplits.Split(file.toString(), "long.txt", 0, Files.size(file)), limit(100)));
  }

  @Test
  void aLineThatIsNotUtf8IsRejectedAndAByteOrderMarkIsDropped() throws Exception {
    Path file = dir.resolve("bytes.txt");
    Files.write(file, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, 'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xe9, '\n', 'e', 'n', 'd', '\n'});
    assertEquals(List.of("0:ok", "6:invalid_utf8", "11:end"), visit(new LineSplits.Split(file.toString(), "bytes.txt", 0, Files.size(file)),
        new Configuration(false)));
  }

  /** Bounded, not lucky: reading a 64 MB line allocates about the limit, not the line. */
  @Test
  void memoryForAHugeLineIsBoundedByTheLimit() throws Exception {
    Path file = dir.resolve("huge.txt");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      byte[] piece = ", 0.1".repeat(1000).getBytes(StandardCharsets.US_ASCII);
      for (long written = 0; written < 64L << 20; written += piece.length) {
        out.write(piece);
      }
      out.write("\n[1.0]\n".getBytes(StandardCharsets.US_ASCII));
    }
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    List<String> seen = visit(new LineSplits.Split(file.toString(), "huge.txt", 0, Files.size(file)), limit(1 << 20));
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertEquals(List.of("0:line_too_long", (Files.size(file) - 6) + ":[1.0]"), seen);
    assertTrue(allocated < 8L << 20, "allocated " + allocated + " bytes to read a 64 MB line under a 1 MB limit");
  }

  /** A file gone between listing and reading (or any failure to read it) is the file system's fault, not the file's. */
  @Test
  void aFileThatCannotBeReadIsAnErrorNotACorruptFile() throws Exception {
    Path gone = dir.resolve("gone.jsonl.gz");
    UncheckedIOException thrown = assertThrows(UncheckedIOException.class,
        () -> visit(new LineSplits.Split(gone.toString(), "gone.jsonl.gz", 0, 100), new Configuration(false)));
    assertTrue(thrown.getMessage().contains("gone.jsonl.gz"), thrown.getMessage());
  }
}
