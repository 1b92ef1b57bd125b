package llmops.udfs.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EmbeddingTextTest {
  @Test
  void parsesTheAwsSampleLineFormat() throws Exception {
    assertArrayEquals(new float[] {0.12f, -0.5f, 3f}, EmbeddingText.parse("[0.12, -0.5, 3]"));
  }

  @Test
  void acceptsExponentsAndSurroundingWhitespace() throws Exception {
    assertArrayEquals(new float[] {1.5e-7f, -2e10f, 0f}, EmbeddingText.parse("  [1.5e-07,-2E+10 , 0.0]\r"));
  }

  @Test
  void parsesTheEmptyListAsAnEmptyVector() throws Exception {
    assertEquals(0, EmbeddingText.parse("[]").length);
  }

  @Test
  void readsNanAndInfinityForTheCallerToReject() throws Exception {
    float[] v = EmbeddingText.parse("[NaN, -Infinity, inf]");
    assertTrue(Float.isNaN(v[0]));
    assertEquals(Float.NEGATIVE_INFINITY, v[1]);
    assertEquals(Float.POSITIVE_INFINITY, v[2]);
  }

  @Test
  void rejectsMalformedLinesAsUnparseable() {
    for (String bad : new String[] {"0.1, 0.2", "[0.1, 0.2", "[0.1,, 0.2]", "[0.1 0.2]", "[abc]", "[0.1] trailing", "[1e]"}) {
      MalformedEmbeddingException e = assertThrows(MalformedEmbeddingException.class, () -> EmbeddingText.parse(bad), bad);
      assertEquals(Reasons.UNPARSEABLE, e.reason(), bad);
    }
  }

  @Test
  void agreesWithFloatParseFloatOnManyShapesOfNumbers() throws Exception {
    Random random = new Random(11);
    for (int i = 0; i < 200_000; i++) {
      double magnitude = Math.pow(10, random.nextInt(14) - 8);
      double value = (random.nextDouble() - 0.5) * magnitude;
      String[] forms = {
          Double.toString(value), // Python-repr-like: up to 17 significant digits
          Float.toString((float) value),
          String.format(java.util.Locale.ROOT, "%.9e", value),
          String.format(java.util.Locale.ROOT, "%.20f", value),
          String.format(java.util.Locale.ROOT, "%.3f", value)};
      for (String form : forms) {
        float expected = Float.parseFloat(form);
        float actual = EmbeddingText.parse("[" + form + "]")[0];
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual), form);
      }
    }
  }

  @Test
  void agreesWithFloatParseFloatOnValuesHalfwayBetweenFloats() throws Exception {
    Random random = new Random(5);
    for (int i = 0; i < 50_000; i++) {
      float f = (float) random.nextGaussian();
      double halfway = ((double) f + (double) Math.nextUp(f)) / 2; // exactly representable as a double
      String form = new java.math.BigDecimal(halfway).toPlainString();
      assertEquals(Float.parseFloat(form), EmbeddingText.parse("[" + form + "]")[0], form);
    }
  }

  @Test
  void agreesWithFloatParseFloatBitForBitOnTrickyNumbers() throws Exception {
    String halfwayAboveOne = new java.math.BigDecimal(((double) 1f + (double) Math.nextUp(1f)) / 2).toPlainString();
    String[] tricky = {
        "-0.0", "-0", "+0", "0.", ".5", "-.5e-3", "+1.5", "007.25",
        // subnormals: the smallest float, half of it (ties to even: zero), just above half, the largest subnormal, the smallest normal
        "1.4e-45", "1.401298464324817e-45", "7.006492321624085e-46", "7.006492321624086e-46", "1.1754942E-38", "1.17549435E-38",
        // the largest float, the boundary where rounding overflows, past it
        "3.4028235e38", "3.4028235677973366e38", "3.4028235677973367e38", "3.4028236e39",
        // exponents far out of range, and written with many digits
        "1e-400", "-1e400", "0e999999999", "1E+0", "1e0000000000000000000038", "123456789e-50", "0.000000000000000000000000000000000000000000001",
        // more digits than a double holds; exact halfway points and a hair either side of one
        "0.1000000000000000055511151231257827021181583404541015625", "3.14159265358979323846264338327950288419716939937510",
        halfwayAboveOne, halfwayAboveOne + "0000000000000000000000000000000000000001", halfwayAboveOne.substring(0, halfwayAboveOne.length() - 1) + "49999999999999999999",
        "16777217", "16777217.000000000000000000001", "33554434.99999999999999999999"};
    for (String number : tricky) {
      float expected = Float.parseFloat(number);
      assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(EmbeddingText.parse("[" + number + "]")[0]), number);
      // and wherever it stands in a line, whatever the white space around it
      float[] line = EmbeddingText.parse(" [\t2, " + number + " ,\t" + number + "\t]\r\n");
      assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(line[1]), number);
      assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(line[2]), number);
    }
  }

  @Test
  void rejectsJavaOnlyNumberSyntaxThatFloatParseFloatWouldTake() {
    // The line format is JSON's and Python's: Java's type suffixes, hex floats and inner blanks quarantine the line.
    for (String bad : new String[] {"[1.5f]", "[2d]", "[0x1p3]", "[1.5e3.2]", "[1.2.3]", "[- 1]", "[1e+]", "[.]", "[+]"}) {
      MalformedEmbeddingException e = assertThrows(MalformedEmbeddingException.class, () -> EmbeddingText.parse(bad), bad);
      assertEquals(Reasons.UNPARSEABLE, e.reason(), bad);
    }
  }
}
