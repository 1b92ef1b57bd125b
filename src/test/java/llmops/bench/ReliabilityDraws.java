package llmops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The inputs of scripts/bench-verdict-reliability, from real sentence embeddings of Debian package
 * synopses (the embed job's JSON Lines output of scripts/reference/debian_corpus.py's corpus), or of
 * the demo's support questions (scripts/demo-corpus/make_corpus.py --pool, its topics as sections): a
 * BASELINE of a seeded share of each reference section, and DRAWS SNAPSHOTs of each kind, one per
 * day, for one drift --window 1d job each:
 * <ul>
 *   <li>{@code unchanged}: a fresh seeded draw from the reference sections' held-out vectors (never
 *       a BASELINE row), with the BASELINE's section mix;
 *   <li>{@code shifted}: the demo's kind of shift: 15 % from the sections the reference never had,
 *       and the reference sections' mix changed (the first section twice its BASELINE weight).
 * </ul>
 * For the cost of windows and segments it also writes the first COST unchanged draws as one input
 * with a day per draw ({@code cost-windows}), as one input with a segment per draw
 * ({@code cost-segments}), and each as an input of its own ({@code separate/draw-NN}).
 * Prints one JSON line: the sizes and seeds.
 *   ReliabilityDraws CORPUS_JSONL VECTORS_DIR OUT_DIR DRAWS SNAPSHOT_SIZE COST SEED [REFERENCE_SECTIONS]
 * REFERENCE_SECTIONS (comma-separated, the first one's weight doubled in shifted draws) defaults to the Debian ones.
 */
public final class ReliabilityDraws {
  /** The sections NoveltyOnRealTextTest and debian_corpus.py call the reference; the corpus's others are the new topics. */
  static final List<String> DEBIAN_REFERENCE_SECTIONS =
      List.of("games", "sound", "graphics", "science", "math", "mail", "editors", "database", "web", "net");
  /** Of each reference section, this share is the BASELINE; the rest is held out for the draws. */
  static final double BASELINE_SHARE = 0.55;
  static final double NEW_TOPIC_SHARE = 0.15;
  /** The first reference section's weight in a shifted draw, relative to its BASELINE weight (the others keep 1): 2:1:...:1. */
  static final double SHIFTED_FIRST_WEIGHT = 2;
  /** The first draw's day; each later draw is a day later. */
  static final Instant FIRST_DAY = Instant.parse("2026-01-01T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReliabilityDraws() {}

  /** One embedded synopsis. */
  record Vector(String id, String section, JsonNode embedding) {}

  public static void main(String[] args) throws IOException {
    Path corpus = Path.of(args[0]);
    Path vectorsDir = Path.of(args[1]);
    Path out = Path.of(args[2]);
    int draws = Integer.parseInt(args[3]);
    int size = Integer.parseInt(args[4]);
    int cost = Integer.parseInt(args[5]);
    long seed = Long.parseLong(args[6]);
    List<String> referenceSections = args.length > 7 ? List.of(args[7].split(",")) : DEBIAN_REFERENCE_SECTIONS;

    Map<String, List<Vector>> bySection = sections(corpus, vectorsDir);
    requireReferenceSections(bySection.keySet(), referenceSections);
    Random split = new Random(seed);
    Map<String, List<Vector>> baseline = new LinkedHashMap<>();
    Map<String, List<Vector>> heldOut = new LinkedHashMap<>();
    List<Vector> newTopics = new ArrayList<>();
    for (Map.Entry<String, List<Vector>> section : bySection.entrySet()) {
      List<Vector> vectors = new ArrayList<>(section.getValue());
      if (!referenceSections.contains(section.getKey())) {
        newTopics.addAll(vectors);
        continue;
      }
      Collections.shuffle(vectors, split);
      int cut = (int) Math.round(BASELINE_SHARE * vectors.size());
      baseline.put(section.getKey(), vectors.subList(0, cut));
      heldOut.put(section.getKey(), vectors.subList(cut, vectors.size()));
    }
    List<String> sections = referenceSections;
    double[] unchangedWeights = sections.stream().mapToDouble(s -> baseline.get(s).size()).toArray();
    double[] shiftedWeights = unchangedWeights.clone();
    shiftedWeights[0] *= SHIFTED_FIRST_WEIGHT;
    int fromNewTopics = (int) Math.round(NEW_TOPIC_SHARE * size);

    write(out.resolve("baseline/part-0.jsonl"), baseline.values().stream().flatMap(List::stream).map(v -> record(v, v.id(), null, null)).toList());
    List<List<Vector>> unchanged = new ArrayList<>();
    List<List<Vector>> shifted = new ArrayList<>();
    for (int d = 0; d < draws; d++) {
      unchanged.add(draw(heldOut, sections, unchangedWeights, size, List.of(), 0, new Random(seed * 1_000_003L + d)));
      shifted.add(draw(heldOut, sections, shiftedWeights, size - fromNewTopics, newTopics, fromNewTopics,
          new Random(seed * 1_000_003L + 500_000 + d)));
    }
    write(out.resolve("unchanged/part-0.jsonl"), daily(unchanged, draws));
    write(out.resolve("shifted/part-0.jsonl"), daily(shifted, draws));
    int costDraws = Math.min(cost, draws);
    write(out.resolve("cost-windows/part-0.jsonl"), daily(unchanged, costDraws));
    List<String> segmented = new ArrayList<>();
    for (int d = 0; d < costDraws; d++) {
      String segment = String.format("draw-%02d", d);
      List<String> lines = unchanged.get(d).stream().map(v -> record(v, v.id() + "@" + segment, null, null)).toList();
      write(out.resolve("separate/" + segment + "/part-0.jsonl"), lines);
      unchanged.get(d).forEach(v -> segmented.add(record(v, v.id() + "@" + segment, null, segment)));
    }
    write(out.resolve("cost-segments/part-0.jsonl"), segmented);

    ObjectNode summary = JSON.createObjectNode();
    summary.put("baseline", baseline.values().stream().mapToInt(List::size).sum());
    summary.put("held_out", heldOut.values().stream().mapToInt(List::size).sum());
    summary.put("new_topic_vectors", newTopics.size());
    summary.put("draws", draws);
    summary.put("snapshot", size);
    summary.put("from_new_topics", fromNewTopics);
    summary.put("cost_draws", costDraws);
    summary.put("seed", seed);
    summary.put("sections", String.join(",", sections));
    System.out.println(JSON.writeValueAsString(summary));
  }

  /** The corpus's embedded vectors by section, in the corpus's order (the embed output's order is its partitions'). */
  private static Map<String, List<Vector>> sections(Path corpus, Path vectorsDir) throws IOException {
    Map<String, JsonNode> embeddings = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(vectorsDir)) {
      for (Path file : files.filter(f -> (f.toString().endsWith(".json") || f.toString().endsWith(".jsonl")) && !f.getFileName().toString().startsWith("_")
          && !f.getFileName().toString().startsWith(".")).sorted().toList()) {
        for (String line : Files.readAllLines(file)) {
          JsonNode record = JSON.readTree(line);
          embeddings.put(record.get("id").asText(), record.get("embedding"));
        }
      }
    }
    Map<String, List<Vector>> bySection = new LinkedHashMap<>();
    for (String line : Files.readAllLines(corpus)) {
      JsonNode record = JSON.readTree(line);
      String id = record.get("id").asText();
      JsonNode embedding = embeddings.get(id);
      if (embedding == null) {
        throw new IllegalStateException("synopsis " + id + " of " + corpus + " has no vector under " + vectorsDir);
      }
      bySection.computeIfAbsent(record.get("section").asText(), s -> new ArrayList<>()).add(new Vector(id, record.get("section").asText(), embedding));
    }
    return bySection;
  }

  /**
   * {@code size} held-out vectors, without replacement, split over the sections in proportion to
   * {@code weights} (largest remainders), plus {@code extra} from {@code others}.
   */
  static List<Vector> draw(Map<String, List<Vector>> heldOut, List<String> sections, double[] weights, int size, List<Vector> others,
      int extra, Random random) {
    int[] counts = apportion(weights, size);
    List<Vector> out = new ArrayList<>();
    for (int s = 0; s < sections.size(); s++) {
      out.addAll(sample(heldOut.get(sections.get(s)), counts[s], random));
    }
    out.addAll(sample(others, extra, random));
    return out;
  }

  private static List<Vector> sample(List<Vector> from, int count, Random random) {
    if (count > from.size()) {
      throw new IllegalArgumentException("a draw needs " + count + " vectors of a section that holds " + from.size()
          + " out: ask for a smaller --snapshot");
    }
    List<Vector> copy = new ArrayList<>(from);
    Collections.shuffle(copy, random);
    return copy.subList(0, count);
  }

  /** Whole counts summing to {@code total}, proportional to the weights: the largest remainders get the leftovers. */
  static int[] apportion(double[] weights, int total) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    int[] counts = new int[weights.length];
    double[] remainders = new double[weights.length];
    int given = 0;
    for (int i = 0; i < weights.length; i++) {
      double exact = total * weights[i] / sum;
      counts[i] = (int) Math.floor(exact);
      remainders[i] = exact - counts[i];
      given += counts[i];
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      order.add(i);
    }
    order.sort((a, b) -> Double.compare(remainders[b], remainders[a]));
    for (int i = 0; given < total; i++, given++) {
      counts[order.get(i)]++;
    }
    return counts;
  }

  /** The first {@code count} draws as one input, draw d on day d (noon UTC), ids unique per draw. */
  private static List<String> daily(List<List<Vector>> draws, int count) {
    List<String> lines = new ArrayList<>();
    for (int d = 0; d < count; d++) {
      String ts = FIRST_DAY.plus(d, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS).toString();
      for (Vector v : draws.get(d)) {
        lines.add(record(v, v.id() + "@" + d, ts, null));
      }
    }
    return lines;
  }

  private static String record(Vector v, String id, String ts, String segment) {
    ObjectNode record = JSON.createObjectNode();
    record.put("id", id);
    record.put("section", v.section());
    if (ts != null) {
      record.put("ts", ts);
    }
    if (segment != null) {
      record.put("segment", segment);
    }
    record.set("embedding", v.embedding());
    try {
      return JSON.writeValueAsString(record);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path file, List<String> lines) throws IOException {
    Files.createDirectories(file.getParent());
    try (BufferedWriter writer = Files.newBufferedWriter(file)) {
      for (String line : lines) {
        writer.write(line);
        writer.newLine();
      }
    }
  }

  /** A corpus without every reference section cannot give the BASELINE's mix. */
  private static void requireReferenceSections(Set<String> present, List<String> reference) {
    if (!present.containsAll(reference)) {
      throw new IllegalStateException("the corpus lacks reference sections: " + reference.stream().filter(s -> !present.contains(s)).toList());
    }
  }
}
