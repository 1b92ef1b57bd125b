package llmops.udfs.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Float32CodecTest {
  @Test
  void roundTripsAtFloat32Precision() {
    double[] v = {0.1, -2.5, 1e-20, 3.4e38};
    double[] back = Float32Codec.decode(Float32Codec.encode(v));
    for (int i = 0; i < v.length; i++) {
      assertEquals((float) v[i], (float) back[i]);
    }
  }

  @Test
  void fitsAnEightThousandDimensionCentreInThirtyTwoKilobytes() {
    assertEquals(32 * 1024, Float32Codec.encode(new double[8192]).length);
  }

  @Test
  void isLittleEndian() {
    assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3f}, Float32Codec.encode(new double[] {1.0}));
  }
}
