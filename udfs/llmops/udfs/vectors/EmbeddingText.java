package llmops.udfs.vectors;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses the AWS sample's archive line format, {@code [0.12, -0.5, ...]}, straight from UTF-8 bytes.
 *
 * <p>Parsing dominates reading an archive (a 384-dimension line has 384 numbers), so numbers are
 * converted with a fast path that is exact: a decimal with at most 19 significant digits and a
 * power of ten within ±22 becomes a double with at most a couple of ulps of error, and is then
 * rounded to float; whenever that double lies so close to a float rounding boundary that the error
 * could matter, the token is re-parsed with {@link Float#parseFloat}. Results equal Float.parseFloat.
 */
public final class EmbeddingText {
  private static final double[] POWERS_OF_TEN = new double[23];
  private static final long FLOAT_ROUNDING_BITS = (1L << 29) - 1; // double mantissa bits a float drops
  private static final long HALFWAY = 1L << 28;

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

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
      long mantissa = 0;
      int significantDigits = 0;
      int exponent = 0;
      boolean anyDigit = false;
      boolean truncated = false;
      boolean afterPoint = false;
      for (; pos < end; pos++) {
        byte c = b[pos];
        if (c == '.' && !afterPoint) {
          afterPoint = true;
          continue;
        }
        if (!isDigit(c)) {
          break;
        }
        anyDigit = true;
        if (significantDigits < 19) {
          mantissa = mantissa * 10 + (c - '0');
          if (mantissa != 0) {
            significantDigits++; // leading zeros are not significant
          }
          if (afterPoint) {
            exponent--;
          }
        } else {
          // Past 19 digits a long would overflow: integer digits still scale the value, all only round it.
          if (!afterPoint) {
            exponent++;
          }
          truncated |= c != '0';
        }
      }
      if (!anyDigit) {
        throw error("expected a number");
      }
      if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
        pos++;
        boolean negativeExponent = false;
        if (pos < end && (b[pos] == '-' || b[pos] == '+')) {
          negativeExponent = b[pos] == '-';
          pos++;
        }
        int written = 0;
        boolean expDigit = false;
        while (pos < end && isDigit(b[pos])) {
          expDigit = true;
          written = Math.min(written * 10 + (b[pos] - '0'), 100_000);
          pos++;
        }
        if (!expDigit) {
          throw error("expected digits in the exponent");
        }
        exponent += negativeExponent ? -written : written;
      }
      if (mantissa == 0) {
        return negative ? -0.0f : 0.0f;
      }
      if (exponent < -22 || exponent > 22) {
        return slow(start);
      }
      double approx = (double) mantissa;
      approx = exponent < 0 ? approx / POWERS_OF_TEN[-exponent] : approx * POWERS_OF_TEN[exponent];
      boolean exactDouble = !truncated && mantissa < (1L << 53);
      long bits = Double.doubleToRawLongBits(approx);
      long dropped = bits & FLOAT_ROUNDING_BITS;
      long slack = exactDouble ? 0 : 8;
      if (Math.abs(dropped - HALFWAY) <= slack || approx < Float.MIN_NORMAL || approx > Float.MAX_VALUE) {
        return slow(start);
      }
      float f = (float) approx;
      return negative ? -f : f;
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

    private float slow(int start) throws MalformedEmbeddingException {
      String token = new String(b, start, pos - start, StandardCharsets.US_ASCII);
      try {
        return Float.parseFloat(token);
      } catch (NumberFormatException e) {
        throw error("bad number '" + token + "'");
      }
    }

    private static boolean isDigit(byte x) {
      return x >= '0' && x <= '9';
    }
  }
}
