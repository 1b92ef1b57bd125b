package llmops.udfs.text;

import llmops.testing.FidelityVectors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Against sacrebleu 2.x's definitions as scripts/fidelity/text_metric_vectors.py computes them, on
 * ~440 segments and 5 corpora made of them. Statistics are integers and must be equal; scores may
 * differ by 1e-6 on the 0-100 scale: the arithmetic is the same, but Java's log and exp may round
 * the last bit differently from the C library Python calls.
 */
class SacreBleuTest {
  private static final double TOLERANCE = 1e-6;

  @Test
  void agreesWithSacrebleuOnEverySegment() throws Exception {
    List<JsonNode> segments = FidelityVectors.jsonLines("bleu.jsonl");
    assertTrue(segments.size() > 300, "segments: " + segments.size());
    double worst = 0;
    for (JsonNode segment : segments) {
      String hypothesis = segment.get("hypothesis").asText();
      List<String> references = texts(segment.get("references"));
      if (segment.has("error")) {
        assertThrows(IllegalArgumentException.class, () -> SacreBleu.sentenceBleu(hypothesis, references), segment.toString());
        continue;
      }
      assertArrayEquals(longs(segment.get("stats")), SacreBleu.statistics(hypothesis, references).toArray(), segment.toString());
      double ours = SacreBleu.sentenceBleu(hypothesis, references);
      assertEquals(segment.get("bleu").asDouble(), ours, TOLERANCE, segment.toString());
      worst = Math.max(worst, Math.abs(segment.get("bleu").asDouble() - ours));
    }
    System.out.printf("sentence BLEU max |difference| over %d segments: %.3g%n", segments.size(), worst);
  }

  @Test
  void agreesWithSacrebleuOnCorporaFromSummedStatistics() throws Exception {
    List<JsonNode> segments = FidelityVectors.jsonLines("bleu.jsonl");
    double worst = 0;
    for (JsonNode corpus : FidelityVectors.jsonLines("bleu_corpus.jsonl")) {
      BleuStatistics summed = BleuStatistics.ZERO;
      for (JsonNode index : corpus.get("indices")) {
        JsonNode segment = segments.get(index.asInt());
        summed = summed.plus(SacreBleu.statistics(segment.get("hypothesis").asText(), texts(segment.get("references"))));
      }
      assertArrayEquals(longs(corpus.get("stats")), summed.toArray(), corpus.get("name").asText());
      double ours = SacreBleu.corpusBleu(summed);
      assertEquals(corpus.get("bleu").asDouble(), ours, TOLERANCE, corpus.get("name").asText());
      worst = Math.max(worst, Math.abs(corpus.get("bleu").asDouble() - ours));
    }
    System.out.printf("corpus BLEU max |difference|: %.3g%n", worst);
  }

  @Test
  void identicalSentenceScoresOneHundred() {
    assertEquals(100.0, SacreBleu.sentenceBleu("The cat sat on the mat.", List.of("The cat sat on the mat.")), 1e-9);
  }

  @Test
  void shortHypothesisPaysTheBrevityPenalty() {
    // every n-gram matches; 5 tokens against 6
    assertEquals(100 * Math.exp(1 - 6.0 / 5), SacreBleu.sentenceBleu("the cat sat on the", List.of("the cat sat on the mat")), 1e-9);
  }

  @Test
  void missingNgramOrdersAreSmoothedByHalvingEachTime() {
    // precisions 3/4, 2/3, 1/2 and no 4-gram match: 100 / (2 * 1)
    double expected = Math.exp((Math.log(75) + Math.log(200.0 / 3) + Math.log(50) + Math.log(50)) / 4);
    assertEquals(expected, SacreBleu.sentenceBleu("a b c d", List.of("a b c e")), 1e-9);
  }

  @Test
  void sentenceBleuUsesOnlyTheOrdersAHypothesisHasButCorpusBleuAllFour() {
    BleuStatistics twoWords = SacreBleu.statistics("hello world", List.of("hello world"));
    assertEquals(100.0, SacreBleu.sentenceBleu("hello world", List.of("hello world")), 1e-9);
    assertEquals(0.0, SacreBleu.corpusBleu(twoWords));
  }

  @Test
  void tokenizesPunctuationApartButKeepsApostrophesAndDecimals() {
    // Hello , world ! It's 3.5 ( approx . )
    assertEquals(10, SacreBleu.statistics("Hello, world! It's 3.5 (approx.)", List.of("x")).hypothesisLength());
  }

  @Test
  void keepsCase() {
    assertEquals(0.0, SacreBleu.sentenceBleu("THE CAT", List.of("the cat")));
  }

  @Test
  void takesTheClosestReferenceLengthAndTheShorterOnATie() {
    assertEquals(1, SacreBleu.statistics("one two three", List.of("one two three four five", "one")).referenceLength());
    assertEquals(4, SacreBleu.statistics("one two three", List.of("a b c d", "a b c d e f g")).referenceLength());
  }

  @Test
  void ignoresEmptyReferencesAndRefusesASegmentWithNoOther() {
    assertEquals(100.0, SacreBleu.sentenceBleu("the cat sat", List.of("", "the cat sat")), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> SacreBleu.sentenceBleu("the cat sat", List.of("")));
  }

  @Test
  void statisticsSumElementWiseAndRoundTripThroughSacrebleusLayout() {
    BleuStatistics a = SacreBleu.statistics("a b c d", List.of("a b c e"));
    BleuStatistics b = SacreBleu.statistics("x y", List.of("x y z"));
    assertArrayEquals(new long[] {4, 4, 3, 2, 1, 0, 4, 3, 2, 1}, a.toArray());
    assertArrayEquals(new long[] {6, 7, 5, 3, 1, 0, 6, 4, 2, 1}, a.plus(b).toArray());
    assertEquals(a, BleuStatistics.fromArray(a.toArray()));
    assertEquals(a, BleuStatistics.ZERO.plus(a));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(t -> out.add(t.asText()));
    return out;
  }

  private static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }
}
