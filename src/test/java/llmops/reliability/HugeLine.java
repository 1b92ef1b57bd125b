package llmops.reliability;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bad-input corpus's 50 MB single line, written at test time (a file that size does not belong
 * in the repository): a valid-looking record whose middle is one piece repeated until the line is
 * {@link #BYTES} long, streamed to disk so the test itself never holds it.
 */
final class HugeLine {
  static final long BYTES = 50L << 20;

  private HugeLine() {}

  /** Writes {@code head}, {@code piece} repeated, {@code tail} and a newline: at least {@link #BYTES} bytes before the newline. */
  static void write(Path file, String head, String piece, String tail) throws IOException {
    byte[] repeated = piece.getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(head.getBytes(StandardCharsets.UTF_8));
      for (long written = head.length() + tail.length(); written < BYTES; written += repeated.length) {
        out.write(repeated);
      }
      out.write(tail.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
  }

  /** {@code [0.1, 0.1, ...]}, the AWS sample's archive line. */
  static void seedVector(Path file) throws IOException {
    write(file, "[0.1", ", 0.1", "]");
  }

  /** A JSON Lines record whose {@code arrayField} is a 50 MB array of numbers. */
  static void jsonVector(Path file, String id, String arrayField) throws IOException {
    write(file, "{\"id\": \"" + id + "\", \"" + arrayField + "\": [0.1", ", 0.1", "]}");
  }

  /** A plain text document of 50 MB of words. */
  static void text(Path file) throws IOException {
    write(file, "word", " word", "");
  }
}
