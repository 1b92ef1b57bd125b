package llmops.udfs.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * METEOR as NLTK 3.8's {@code single_meteor_score} computes it with its defaults (alpha 0.9, beta 3,
 * gamma 0.5, Porter stemmer, WordNet), which is what AWS fmeval's summarization accuracy reports.
 *
 * <p>Words are lower-cased, then aligned in three stages, each on the words the earlier stages left:
 * equal words, equal Porter stems, then WordNet synonyms. Each stage walks the hypothesis from its
 * last word to its first and pairs each word with the last still-unpaired reference word that
 * qualifies; which pairs form decides the chunk count, so this order is kept exactly. As in NLTK,
 * the stem stage hands its stems on: the synonym stage looks up the stems of the words both earlier
 * stages left unpaired ("automobil", not "automobile"), with a hypothesis word's synonyms being the
 * lemma names of its synsets plus the word itself.
 *
 * <p>With m pairs among a hypothesis of h words and a reference of r, precision P = m / h and
 * recall R = m / r, F = P R / (alpha P + (1 - alpha) R); the pairs, in hypothesis order, fall into
 * c chunks of consecutive words in both texts; the score is F (1 - gamma (c / m)^beta). No pair
 * (including an empty text) scores 0. Identical texts of n words score 1 - gamma / n^beta, not 1.
 */
public final class Meteor {
  private Meteor() {}

  static final double ALPHA = 0.9;
  static final double BETA = 3;
  static final double GAMMA = 0.5;

  /** fmeval's summarization METEOR: both texts through NLTK's word tokenizer ({@link WordTokens}). */
  public static double score(String reference, String hypothesis) {
    return scoreTokens(WordTokens.of(reference), WordTokens.of(hypothesis));
  }

  /** {@code single_meteor_score(reference, hypothesis)} on tokenized texts. */
  public static double scoreTokens(List<String> reference, List<String> hypothesis) {
    List<Token> hyp = lowerCased(hypothesis);
    List<Token> ref = lowerCased(reference);
    List<int[]> pairs = new ArrayList<>();
    pair(hyp, ref, pairs, h -> h::equals);
    List<Token> hypStems = stemmed(hyp);
    List<Token> refStems = stemmed(ref);
    pair(hypStems, refStems, pairs, h -> h::equals);
    pair(hypStems, refStems, pairs, h -> {
      Set<String> synonyms = WordNetSynonyms.of(h);
      return r -> r.equals(h) || synonyms.contains(r);
    });

    int matches = pairs.size();
    if (matches == 0) {
      return 0;
    }
    double precision = (double) matches / hypothesis.size();
    double recall = (double) matches / reference.size();
    double fmean = precision * recall / (ALPHA * precision + (1 - ALPHA) * recall);
    pairs.sort(Comparator.comparingInt(p -> p[0]));
    double fragmentation = (double) chunks(pairs) / matches;
    double penalty = GAMMA * Math.pow(fragmentation, BETA);
    return (1 - penalty) * fmean;
  }

  /** A word and its position in its text. */
  private record Token(int index, String word) {}

  private static List<Token> lowerCased(List<String> words) {
    List<Token> out = new ArrayList<>(words.size());
    for (int i = 0; i < words.size(); i++) {
      out.add(new Token(i, PythonText.lower(words.get(i))));
    }
    return out;
  }

  private static List<Token> stemmed(List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens.size());
    for (Token t : tokens) {
      out.add(new Token(t.index, PorterStemmer.stem(t.word)));
    }
    return out;
  }

  /**
   * NLTK's matching loop: hypothesis words from last to first, each paired with the last qualifying
   * reference word; both leave their lists. Adds (hypothesis index, reference index) pairs.
   */
  private static void pair(List<Token> hyp, List<Token> ref, List<int[]> pairs, Function<String, Predicate<String>> partnersOf) {
    for (int i = hyp.size() - 1; i >= 0 && !ref.isEmpty(); i--) {
      Predicate<String> qualifies = partnersOf.apply(hyp.get(i).word);
      for (int j = ref.size() - 1; j >= 0; j--) {
        if (qualifies.test(ref.get(j).word)) {
          pairs.add(new int[] {hyp.get(i).index, ref.get(j).index});
          hyp.remove(i);
          ref.remove(j);
          break;
        }
      }
    }
  }

  /** Runs of pairs that are consecutive in both texts, over pairs sorted by hypothesis position. */
  private static int chunks(List<int[]> pairs) {
    int chunks = 1;
    for (int i = 0; i + 1 < pairs.size(); i++) {
      boolean adjacent = pairs.get(i + 1)[0] == pairs.get(i)[0] + 1 && pairs.get(i + 1)[1] == pairs.get(i)[1] + 1;
      if (!adjacent) {
        chunks++;
      }
    }
    return chunks;
  }
}
