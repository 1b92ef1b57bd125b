package llmops.udfs.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

/** With words as tokens, so the expected cuts can be read off the text. */
class LongTextTest {
  private static final ToIntFunction<String> WORDS = s -> s.isBlank() ? 0 : s.strip().split("\\s+").length;

  @Test
  void aTextThatFitsIsKeptWhole() {
    assertEquals(List.of("one two three"), LongText.TRUNCATE.pieces("one two three", 3, WORDS));
    assertEquals(List.of("one two three"), LongText.CHUNK.pieces("one two three", 3, WORDS));
  }

  @Test
  void truncateKeepsTheLongestHeadThatFits() {
    assertEquals(List.of("a b c d"), LongText.TRUNCATE.pieces("a b c d e f g", 4, WORDS));
  }

  @Test
  void chunkCutsIntoConsecutivePiecesThatEachFit() {
    // Pieces are the text's own substrings: its spacing and line breaks stay as they were.
    assertEquals(List.of("a b  c", "d\ne f", "g"), LongText.CHUNK.pieces("a b  c d\ne f g", 3, WORDS));
  }

  @Test
  void aSingleWordLongerThanTheLimitIsCutInside() {
    ToIntFunction<String> characters = String::length;
    assertEquals(List.of("abcd", "efgh", "ij"), LongText.CHUNK.pieces("abcdefghij", 4, characters));
  }
}
