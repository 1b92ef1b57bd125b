package llmops.udfs.text;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 validation of raw line bytes. Decoding with {@code new String(bytes, UTF_8)} would
 * turn every invalid byte into U+FFFD and silently change the data; readers check first instead.
 */
public final class Utf8 {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  /**
   * The index of the first byte of {@code bytes[0, length)} that is not valid UTF-8, or -1 when all
   * of it is. Embedding lines are ASCII, so the check runs eight bytes at a time until it meets a
   * non-ASCII byte, and only from there uses the JDK's strict decoder (which also rejects overlong
   * forms and encoded surrogates).
   */
  public static int firstInvalid(byte[] bytes, int length) {
    int i = 0;
    while (i + 8 <= length && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
      i += 8;
    }
    while (i < length && bytes[i] >= 0) {
      i++;
    }
    if (i == length) {
      return -1;
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, i, length - i);
    CoderResult result = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(in, CharBuffer.allocate(length - i), true);
    return result.isError() ? in.position() : -1;
  }
}
