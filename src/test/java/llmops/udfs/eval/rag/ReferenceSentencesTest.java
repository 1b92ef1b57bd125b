package llmops.udfs.eval.rag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceSentencesTest {
  @Test
  void sentencesEndAtAStopBeforeACapitalOrADigitOrAtALineBreak() {
    assertEquals(List.of("The tower is 330 m tall.", "It opened in 1889!", "Is it in Paris?", "Yes.", "2 lifts serve it", "A third is planned."),
        ReferenceSentences.split("The tower is 330 m tall. It opened in 1889! Is it in Paris? Yes. 2 lifts serve it\n\nA third is planned."));
  }

  @Test
  void decimalsAndLowerCaseContinuationsStayWhole() {
    assertEquals(List.of("Version 3.5 added it, e.g. for the U.S. market only."),
        ReferenceSentences.split("  Version 3.5 added it, e.g. for the U.S. market only.  "));
  }

  @Test
  void aBlankReferenceHasNoSentences() {
    assertEquals(List.of(), ReferenceSentences.split(" \n "));
  }
}
