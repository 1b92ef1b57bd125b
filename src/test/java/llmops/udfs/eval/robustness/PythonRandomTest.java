package llmops.udfs.eval.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Known answers printed by CPython 3.11's {@code random} and numpy 1.24's legacy {@code RandomState}. */
class PythonRandomTest {

  @Test
  void randomMatchesPythonForSeedFive() {
    PythonRandom random = new PythonRandom(5);
    assertEquals(0.6229016948897019, random.random());
    assertEquals(0.7417869892607294, random.random());
  }

  @Test
  void theLargestSeedFillsOneKeyWord() {
    assertEquals(0.6353574441341173, new PythonRandom(0xffffffffL).random());
  }

  @Test
  void getrandbitsTakesTheTopBitsOfOneDraw() {
    PythonRandom random = new PythonRandom(0);
    assertEquals(3626764237L, random.getrandbits(32));
    assertEquals(49, random.getrandbits(7));
  }

  @Test
  void randbelowIsRandrange() {
    PythonRandom random = new PythonRandom(42);
    int[] drawn = new int[5];
    for (int i = 0; i < drawn.length; i++) {
      drawn[i] = random.randbelow(100);
    }
    assertArrayEquals(new int[] {81, 14, 3, 94, 35}, drawn);
  }

  @Test
  void aNegativeSeedIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new PythonRandom(-1));
  }

  @Test
  void numpyPermutationMatchesRandomState() {
    assertArrayEquals(new int[] {9, 5, 2, 4, 7, 1, 0, 8, 6, 3}, new NumpyRandomState(5).permutation(10));
    assertArrayEquals(new int[] {2, 0, 1, 3, 4}, new NumpyRandomState(0).permutation(5));
  }

  @Test
  void numpyChoiceWithoutReplacementIsThePermutationsHead() {
    assertArrayEquals(new int[] {2, 5, 17, 19}, new NumpyRandomState(5).choiceWithoutReplacement(20, 4));
  }
}
