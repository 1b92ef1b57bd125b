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
}
