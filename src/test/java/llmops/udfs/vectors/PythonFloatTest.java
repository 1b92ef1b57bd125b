package llmops.udfs.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected strings are what CPython 3.11 prints for repr(x). */
class PythonFloatTest {
  @Test
  void formatsLikePythonRepr() {
    assertEquals("0.1", PythonFloat.repr(0.1));
    assertEquals("-0.5", PythonFloat.repr(-0.5));
    assertEquals("123.0", PythonFloat.repr(123.0));
    assertEquals("0.0001", PythonFloat.repr(0.0001));
    assertEquals("1e-05", PythonFloat.repr(0.00001));
    assertEquals("1.2345e-07", PythonFloat.repr(1.2345e-7));
    assertEquals("1234567890123456.0", PythonFloat.repr(1234567890123456.0));
    assertEquals("1.5e+16", PythonFloat.repr(1.5e16));
    assertEquals("0.30000000000000004", PythonFloat.repr(0.1 + 0.2));
    assertEquals("0.0", PythonFloat.repr(0.0));
    assertEquals("nan", PythonFloat.repr(Double.NaN));
  }

  @Test
  void formatsIntegerListsLikePythonStr() {
    assertEquals("[11, 19]", PythonFloat.intList(new long[] {11, 19}));
    assertEquals("[]", PythonFloat.intList(new long[0]));
  }
}
