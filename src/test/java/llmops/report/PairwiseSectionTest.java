package llmops.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import llmops.eval.PairwiseRecord;
import org.junit.jupiter.api.Test;

class PairwiseSectionTest {
  private static final PairwiseRecord THREE = new PairwiseRecord("r1", 1_764_000_000L, "Bedrock judge (converse)", "Which answer is correct?", 0.95,
      List.of(new PairwiseRecord.Pair("bad", "good", 10, 0, 1, 8, 1, Map.of("no JSON object with \"winner\" in the reply", 1L),
              new PairwiseRecord.Rate(0, 0, 0.299), new PairwiseRecord.Rate(1 / 9.0, 0.02, 0.435), new PairwiseRecord.Rate(8 / 9.0, 0.565, 0.980)),
          new PairwiseRecord.Pair("good", "mid", 4, 3, 1, 0, 0, null, new PairwiseRecord.Rate(0.75, 0.301, 0.954),
              new PairwiseRecord.Rate(0.25, 0.046, 0.699), new PairwiseRecord.Rate(0, 0, 0.490))),
      List.of(new PairwiseRecord.Strength("good", 0.7, 1), new PairwiseRecord.Strength("mid", 0.2, 2), new PairwiseRecord.Strength("bad", 0.1, 3)),
      true);

  @Test
  void eachPairIsARowWithItsCountsRatesAndUnreadableReplies() {
    String html = PairwiseSection.render("trivia", THREE).render();
    String n = "<td class=\"num\">";
    assertTrue(html.contains("<tr data-pair=\"bad vs good\"><td>bad</td><td>good</td>" + n + "10</td>" + n + "0</td>" + n + "1</td>" + n + "8</td>"
        + n + "1</td><td>0.0000 [0.0000, 0.2990]</td><td>0.8889 [0.5650, 0.9800]</td>" + n + "1</td></tr>"), html);
    assertTrue(html.contains("<tr data-pair=\"good vs mid\"><td>good</td><td>mid</td>" + n + "4</td>" + n + "3</td>"), html);
    assertTrue(html.contains("0.7500 [0.3010, 0.9540]</td><td>0.0000 [0.0000, 0.4900]</td>" + n + "0</td></tr>"), html);
  }

  @Test
  void theBradleyTerryRankingIsListedStrongestFirstAndItsLeaderIsAFact() {
    ReportPart part = PairwiseSection.render("trivia", THREE);
    String html = part.render();
    assertTrue(html.indexOf("data-model=\"good\"") < html.indexOf("data-model=\"mid\"")
        && html.indexOf("data-model=\"mid\"") < html.indexOf("data-model=\"bad\""), html);
    assertEquals("good", part.facts().get("pairwise_leader"));
  }
}
