package llmops.udfs.text;

import java.util.ArrayList;
import java.util.List;

/**
 * NLTK's {@code word_tokenize}, which AWS fmeval applies to both texts before METEOR: sentences
 * first, then NLTK's Treebank-style word tokenizer on each, so that "sat. The" gives "sat", "."
 * (the word tokenizer alone splits only the period that ends its whole input).
 *
 * <p>What differs from fmeval: {@code word_tokenize} splits sentences with Punkt's pre-trained
 * English model, which cannot be installed here; this uses Punkt untrained
 * ({@code PunktSentenceTokenizer()}), and equals NLTK 3.8 doing that. The English model also
 * knows abbreviations ("Mr.", "Dr.", "U.S.", "e.g.", "Inc."), collocations and which words start
 * sentences; untrained, Punkt ends a sentence after every such period unless an initial or a
 * number is followed by a lower-case word or punctuation, or an initial by a capitalised word. So
 * "Mr. Smith" gives "Mr", ".", "Smith" here and "Mr.", "Smith" in fmeval. Sentences that end in
 * ordinary words, and all text without such periods, tokenize the same.
 */
public final class WordTokens {
  private WordTokens() {}

  public static List<String> of(String text) {
    List<String> tokens = new ArrayList<>();
    for (String sentence : UntrainedPunkt.sentences(text)) {
      tokens.addAll(NltkWordTokenizer.tokenize(sentence));
    }
    return tokens;
  }
}
