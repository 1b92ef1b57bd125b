package llmops.udfs.text;

import llmops.testing.FidelityVectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Against rouge-score's definitions as scripts/fidelity/text_metric_vectors.py computes them with
 * NLTK's stemmer, on ~400 pairs. Tolerance 1e-9: both sides divide the same integer counts in the same
 * order of double operations, so any real difference (one token more or less) is far larger.
 */
class RougeScoreTest {
  private static final double TOLERANCE = 1e-9;

  @Test
  void agreesWithRougeScoreOnEveryPair() throws Exception {
    List<JsonNode> pairs = FidelityVectors.jsonLines("rouge.jsonl");
    assertTrue(pairs.size() > 300, "pairs: " + pairs.size());
    double[] worst = new double[3];
    for (JsonNode pair : pairs) {
      RougeScore.Scores ours = RougeScore.score(pair.get("prediction").asText(), pair.get("reference").asText());
      double[] got = {ours.rouge1(), ours.rouge2(), ours.rougeL()};
      String[] names = {"rouge1", "rouge2", "rougeL"};
      for (int m = 0; m < 3; m++) {
        double expected = pair.get(names[m]).asDouble();
        assertEquals(expected, got[m], TOLERANCE, names[m] + " of " + pair);
        worst[m] = Math.max(worst[m], Math.abs(expected - got[m]));
      }
    }
    System.out.printf("ROUGE max |difference| over %d pairs: rouge1 %.3g, rouge2 %.3g, rougeL %.3g%n",
        pairs.size(), worst[0], worst[1], worst[2]);
  }

  @Test
  void identicalTextsScoreOneOnEveryMeasure() {
    assertEquals(new RougeScore.Scores(1, 1, 1), RougeScore.score("The cat sat on the mat.", "The cat sat on the mat."));
  }

  @Test
  void textWithoutTokensScoresZero() {
    assertEquals(new RougeScore.Scores(0, 0, 0), RougeScore.score("", "the cat"));
    assertEquals(new RougeScore.Scores(0, 0, 0), RougeScore.score("?!", "the cat"));
    assertEquals(new RougeScore.Scores(0, 0, 0), RougeScore.score("", ""));
  }

  @Test
  void stemmingMakesRunningAndRunsMatch() {
    assertEquals(1.0, RougeScore.score("running", "runs").rouge1());
  }

  @Test
  void tokensOfThreeCharactersOrFewerAreNotStemmed() {
    assertEquals(1.0, RougeScore.score("cats", "cat").rouge1());
    assertEquals(0.0, RougeScore.score("its", "it").rouge1());
  }

  @Test
  void ignoresCaseAndPunctuation() {
    assertEquals(1.0, RougeScore.score("Hello, World!", "hello world").rouge2());
  }

  @Test
  void lettersOutsideAsciiSeparateTokens() {
    assertEquals(1.0, RougeScore.score("naïve", "na ve").rouge2());
  }

  @Test
  void repeatedWordsCountOnlyAsOftenAsTheOtherTextHasThem() {
    // overlap 1: precision 1/3, recall 1/2
    assertEquals(0.4, RougeScore.score("the the the", "the cat").rouge1(), 1e-15);
  }

  @Test
  void rougeLRewardsOrderWhereRouge1DoesNot() {
    RougeScore.Scores reversed = RougeScore.score("a b c d", "d c b a");
    assertEquals(1.0, reversed.rouge1());
    assertEquals(0.0, reversed.rouge2());
    assertEquals(0.25, reversed.rougeL());
  }
}
