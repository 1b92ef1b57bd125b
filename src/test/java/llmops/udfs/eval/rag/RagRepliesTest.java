package llmops.udfs.eval.rag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RagRepliesTest {
  @Test
  void claimsAreReadFromAFencedObjectWithProseAround() {
    Parsed<List<String>> claims = RagReplies.claims("""
        Here are the claims:
        ```json
        {"claims": ["The Eiffel Tower is in Paris.", " It was finished in 1889. "]}
        ```
        Let me know if you need more.""");
    assertEquals(List.of("The Eiffel Tower is in Paris.", "It was finished in 1889."), claims.value());
  }

  @Test
  void anAnswerThatClaimsNothingHasAnEmptyListNotAFailure() {
    Parsed<List<String>> claims = RagReplies.claims("{\"claims\": []}");
    assertTrue(claims.ok());
    assertEquals(List.of(), claims.value());
  }

  @Test
  void aReplyWithoutTheAskedForObjectIsAFailureWithItsReason() {
    assertEquals("no JSON object with \"claims\" in the reply", RagReplies.claims("The answer claims that Paris is in France.").failure());
    assertEquals("the reply is empty", RagReplies.claims("  ").failure());
    assertEquals("\"claims\" holds a non-text entry: 3", RagReplies.claims("{\"claims\": [\"a\", 3]}").failure());
    assertEquals("\"claims\" is not a list", RagReplies.claims("{\"claims\": \"Paris is in France\"}").failure());
  }

  @Test
  void twoObjectsThatDisagreeAreAmbiguousButARepeatedOneIsNot() {
    assertEquals("ambiguous: the reply has two JSON objects with different \"claims\"",
        RagReplies.claims("{\"claims\": [\"a\"]} or maybe {\"claims\": [\"b\"]}").failure());
    assertEquals(List.of("a"), RagReplies.claims("{\"claims\": [\"a\"]}\nFinal: {\"claims\": [\"a\"]}").value());
  }

  @Test
  void verdictsComeBackInTheItemsOrderWhateverOrderTheJudgeListedThem() {
    Parsed<List<Boolean>> verdicts = RagReplies.verdicts("""
        {"verdicts": [{"index": 2, "reason": "not stated", "verdict": 0},
                      {"index": 1, "reason": "stated", "verdict": 1},
                      {"index": 3, "verdict": "yes"}]}""", 3);
    assertEquals(List.of(true, false, true), verdicts.value());
  }

  @Test
  void aMissingRepeatedOrUnlistedItemFailsTheWholeReply() {
    assertEquals("no verdict for item 3 of 3",
        RagReplies.verdicts("{\"verdicts\": [{\"index\": 1, \"verdict\": 1}, {\"index\": 2, \"verdict\": 1}]}", 3).failure());
    assertEquals("two verdicts for item 1",
        RagReplies.verdicts("{\"verdicts\": [{\"index\": 1, \"verdict\": 1}, {\"index\": 1, \"verdict\": 0}]}", 2).failure());
    assertEquals("verdict for item 3, but the prompt listed items 1 to 2",
        RagReplies.verdicts("{\"verdicts\": [{\"index\": 1, \"verdict\": 1}, {\"index\": 2, \"verdict\": 1}, {\"index\": 3, \"verdict\": 1}]}", 2)
            .failure());
    assertTrue(RagReplies.verdicts("{\"verdicts\": [{\"verdict\": 1}]}", 1).failure().startsWith("a verdict without a whole-number \"index\""));
  }

  @Test
  void aVerdictIsOneOrZeroAndNothingElse() {
    assertEquals(true, RagReplies.verdict("{\"reason\": \"useful\", \"verdict\": 1}").value());
    assertEquals(false, RagReplies.verdict("{\"verdict\": false}").value());
    assertEquals(false, RagReplies.verdict("{\"verdict\": \"No\"}").value());
    assertEquals("verdict 2 is not 1 or 0", RagReplies.verdict("{\"verdict\": 2}").failure());
    assertEquals("verdict 0.5 is not 1 or 0", RagReplies.verdict("{\"verdict\": 0.5}").failure());
    assertEquals("verdict \"partly\" is not 1 or 0", RagReplies.verdict("{\"verdict\": \"partly\"}").failure());
    assertEquals("no verdict", RagReplies.verdict("{\"verdict\": null}").failure());
  }

  @Test
  void generatedQuestionsMustBeAsManyAsAskedAndSayWhetherTheAnswerWasNoncommittal() {
    Parsed<RagReplies.Questions> ok = RagReplies.questions("{\"questions\": [\"Where is the Eiffel Tower?\", \"What city has the Eiffel Tower?\"],"
        + " \"noncommittal\": 0}", 2);
    assertEquals(List.of("Where is the Eiffel Tower?", "What city has the Eiffel Tower?"), ok.value().questions());
    assertFalse(ok.value().noncommittal());
    assertEquals("\"questions\" has 1 entries, the prompt asked for 2",
        RagReplies.questions("{\"questions\": [\"Where?\"], \"noncommittal\": 0}", 2).failure());
    assertEquals("no JSON object with \"noncommittal\" in the reply", RagReplies.questions("{\"questions\": [\"Where?\"]}", 1).failure());
    assertNull(RagReplies.questions("{\"questions\": [\"Where?\"], \"noncommittal\": 1}", 1).failure());
  }
}
