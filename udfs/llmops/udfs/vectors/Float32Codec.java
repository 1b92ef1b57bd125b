package llmops.udfs.vectors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Vectors as little-endian IEEE-754 float32 bytes: 4 bytes a value, 32 KB for 8192 dimensions. */
public final class Float32Codec {
  private Float32Codec() {}

  public static byte[] encode(double[] vector) {
    ByteBuffer buf = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : vector) {
      buf.putFloat((float) v);
    }
    return buf.array();
  }

  public static double[] decode(byte[] bytes) {
    if (bytes.length % 4 != 0) {
      throw new IllegalArgumentException("float32 data must be a multiple of 4 bytes, got " + bytes.length);
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    double[] out = new double[bytes.length / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = buf.getFloat();
    }
    return out;
  }
}
