package llmops.udfs.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
  private static int firstInvalid(byte[] b) {
    return Utf8.firstInvalid(b, b.length);
  }

  @Test
  void asciiAndMultiByteTextAreValid() {
    assertEquals(-1, firstInvalid("[0.1, -0.25, 3e-5, 1.0, 2.0, 3.0, 4.0, 5.0]".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(-1, firstInvalid("Das Passwort lässt sich nicht zurücksetzen. ¿Dónde? 東京 😀".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theFirstInvalidByteIsFoundPastTheAsciiPrefix() {
    assertEquals(12, firstInvalid("0123456789ab\u00e9".getBytes(StandardCharsets.ISO_8859_1))); // Latin-1 é
    assertEquals(3, firstInvalid(new byte[] {'c', 'a', 'f', (byte) 0xff, 'x'}));
  }

  @Test
  void overlongFormsEncodedSurrogatesAndCutSequencesAreInvalid() {
    assertEquals(0, firstInvalid(new byte[] {(byte) 0xc0, (byte) 0xaf})); // '/' in two bytes
    assertEquals(1, firstInvalid(new byte[] {'a', (byte) 0xed, (byte) 0xa0, (byte) 0x80})); // U+D800
    assertEquals(2, firstInvalid(new byte[] {'a', 'b', (byte) 0xe2, (byte) 0x82})); // € without its last byte
  }

  @Test
  void onlyTheGivenLengthIsChecked() {
    assertEquals(-1, Utf8.firstInvalid(new byte[] {'o', 'k', (byte) 0xff}, 2));
  }
}
