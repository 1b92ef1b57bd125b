package llmops.udfs.vectors;

import ch.randelshofer.fastdoubleparser.JavaFloatParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses the AWS sample's archive line format, {@code [0.12, -0.5, ...]}, straight from UTF-8 bytes.
 *
 * <p>Parsing is most of reading an archive (a 384-dimension line has 384 numbers), so no String is
 * made: the line's bytes are scanned in place and each number's bytes are converted by
 * fastdoubleparser's {@link JavaFloatParser}, which gives exactly what {@link Float#parseFloat} gives
 * for the same text, without the JDK's per-call String and allocation.
 */
public final class EmbeddingText {
  private EmbeddingText() {}

  /** A vector as the AWS sample's archives write it, {@code [0.12, -0.5, ...]}: each float's shortest round-trip digits. */
  public static String format(float[] vector) {
    StringBuilder line = new StringBuilder(vector.length * 12).append('[');
    for (int j = 0; j < vector.length; j++) {
      line.append(j == 0 ? "" : ", ").append(vector[j]);
    }
    return line.append(']').toString();
  }

  public static float[] parse(String line) throws MalformedEmbeddingException {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return parse(bytes, bytes.length);
  }

  /** Parses {@code bytes[0, length)}; NaN and infinities parse (the caller decides what to do with them). */
  public static float[] parse(byte[] bytes, int length) throws MalformedEmbeddingException {
    Cursor c = new Cursor(bytes, length);
    c.skipWhitespace();
    if (!c.consume('[')) {
      throw c.error("expected '[' at the start of the line");
    }
    float[] values = new float[64];
    int count = 0;
    c.skipWhitespace();
    if (c.consume(']')) {
      c.expectEnd();
      return new float[0];
    }
    while (true) {
      c.skipWhitespace();
      float v = c.number();
      if (count == values.length) {
        values = Arrays.copyOf(values, count * 2);
      }
      values[count++] = v;
      c.skipWhitespace();
      if (c.consume(',')) {
        continue;
      }
      if (c.consume(']')) {
        break;
      }
      throw c.error("expected ',' or ']'");
    }
    c.expectEnd();
    return Arrays.copyOf(values, count);
  }

  private static final class Cursor {
    private final byte[] b;
    private final int end;
    private int pos;

    Cursor(byte[] bytes, int length) {
      this.b = bytes;
      this.end = length;
    }

    void skipWhitespace() {
      while (pos < end && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\r' || b[pos] == '\n')) {
        pos++;
      }
    }

    boolean consume(char ch) {
      if (pos < end && b[pos] == ch) {
        pos++;
        return true;
      }
      return false;
    }

    void expectEnd() throws MalformedEmbeddingException {
      skipWhitespace();
      if (pos != end) {
        throw error("unexpected text after ']'");
      }
    }

    MalformedEmbeddingException error(String what) {
      return new MalformedEmbeddingException(Reasons.UNPARSEABLE, what + " at character " + pos);
    }

    /**
     * A number as JSON and Python write one: an optional sign, digits with at most one point, an
     * optional exponent; or nan, inf, infinity in any case. The grammar is checked here, so that what
     * is not a number is quarantined with its place, and the library converts the checked token.
     */
    float number() throws MalformedEmbeddingException {
      int start = pos;
      boolean negative = false;
      if (pos < end && (b[pos] == '-' || b[pos] == '+')) {
        negative = b[pos] == '-';
        pos++;
      }
      if (pos < end && Character.isLetter(b[pos])) {
        return special(start, negative);
      }
      boolean anyDigit = false;
      boolean afterPoint = false;
      for (; pos < end; pos++) {
        byte c = b[pos];
        if (c == '.' && !afterPoint) {
          afterPoint = true;
        } else if (isDigit(c)) {
          anyDigit = true;
        } else {
          break;
        }
      }
      if (!anyDigit) {
        throw error("expected a number");
      }
      if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
        pos++;
        if (pos < end && (b[pos] == '-' || b[pos] == '+')) {
          pos++;
        }
        int digitsFrom = pos;
        while (pos < end && isDigit(b[pos])) {
          pos++;
        }
        if (pos == digitsFrom) {
          throw error("expected digits in the exponent");
        }
      }
      try {
        return JavaFloatParser.parseFloat(b, start, pos - start);
      } catch (NumberFormatException e) {
        throw error("bad number '" + new String(b, start, pos - start, StandardCharsets.US_ASCII) + "'");
      }
    }

    private float special(int start, boolean negative) throws MalformedEmbeddingException {
      int wordStart = pos;
      while (pos < end && Character.isLetter(b[pos])) {
        pos++;
      }
      String word = new String(b, wordStart, pos - wordStart, StandardCharsets.US_ASCII).toLowerCase();
      switch (word) {
        case "nan":
          return Float.NaN;
        case "inf":
        case "infinity":
          return negative ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        default:
          pos = start;
          throw error("expected a number");
      }
    }

    private static boolean isDigit(byte x) {
      return x >= '0' && x <= '9';
    }
  }
}
