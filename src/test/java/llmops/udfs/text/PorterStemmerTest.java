package llmops.udfs.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Against NLTK 3.8's PorterStemmer (NLTK_EXTENSIONS mode) on the 613k words written by
 * scripts/fidelity/porter_vectors.py: stems are strings, so the tolerance is none.
 */
class PorterStemmerTest {
  @Test
  void stemsEveryWordOfTheVocabularyAsNltkDoes() throws IOException {
    int words = 0;
    List<String> differences = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        PorterStemmerTest.class.getResourceAsStream("/fidelity/porter_nltk.tsv.gz")), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] wordAndStem = line.split("\t", -1);
        String ours = PorterStemmer.stem(wordAndStem[0]);
        if (!ours.equals(wordAndStem[1]) && differences.size() < 20) {
          differences.add(wordAndStem[0] + ": NLTK " + wordAndStem[1] + ", ours " + ours);
        }
        words++;
      }
    }
    assertTrue(words > 600_000, "vocabulary of " + words);
    assertEquals(List.of(), differences);
  }

  @Test
  void stripsThePaperSuffixes() {
    assertEquals("caress", PorterStemmer.stem("caresses"));
    assertEquals("poni", PorterStemmer.stem("ponies"));
    assertEquals("relat", PorterStemmer.stem("relational"));
    assertEquals("gener", PorterStemmer.stem("generalizations"));
    assertEquals("hope", PorterStemmer.stem("hoping"));
  }

  @Test
  void keepsFourLetterIesAndIedWordsAsIe() {
    assertEquals("die", PorterStemmer.stem("dies"));
    assertEquals("die", PorterStemmer.stem("died"));
    assertEquals("fli", PorterStemmer.stem("flies"));
  }

  @Test
  void turnsYIntoIOnlyAfterAConsonantThatIsNotTheFirstLetter() {
    assertEquals("happi", PorterStemmer.stem("happy"));
    assertEquals("enjoy", PorterStemmer.stem("enjoy"));
    assertEquals("by", PorterStemmer.stem("by"));
  }

  @Test
  void looksIrregularFormsUpBeforeLowercasing() {
    assertEquals("sky", PorterStemmer.stem("skies"));
    assertEquals("ski", PorterStemmer.stem("Skies"));
  }

  @Test
  void countsCodePointsNotChars() {
    // Two equal letters outside the BMP are a double consonant that step 1b halves, as in Python.
    assertEquals("a\uD835\uDD18", PorterStemmer.stem("a\uD835\uDD18\uD835\uDD18ed"));
  }
}
