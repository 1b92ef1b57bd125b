package llmops.drift;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import llmops.io.Dynamo;
import llmops.io.TableSpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Stores a run item with its centroid items so that a reader sees all of one run's centroids or
 * none, even while the run is being replaced (a rerun of its id) or written twice at once.
 *
 * <p>DynamoDB has no transaction big enough for a run with many 32 KB centroids, so the protocol
 * is a pointer flip. The centroids go under a fresh partition key, {@code <base>#<generation>},
 * that no reader knows yet; then the run item, whose {@code centroid_key} is the pointer, is put
 * on condition that its pointer is still the one this writer read. Only then is the superseded
 * partition deleted. A partition is never written once a run item points to it (generations are
 * random and never reused), so a reader that follows the pointer and finds {@code centroid_count}
 * items has them all; finding fewer means the run was replaced while it read, and it follows the
 * new pointer. A rerun whose centroids equal the stored ones ({@code centroid_digest}) keeps their
 * partition, so a deterministic rerun rewrites exactly the same items.
 *
 * <p>A writer that dies between writing its centroids and the flip leaves a partition nothing points
 * to. So before writing one, a writer records that it started it, in the marker partition {@code
 * <base>#started} (sort key: the generation), and removes the mark when it is done. Each successful
 * write of a run then deletes the generations of that run marked more than {@link #ABANDONED_AFTER}
 * ago that the run does not point to: their writers are long dead, as no write takes that long.
 */
final class RunWithCentroids {
  static final String POINTER = "centroid_key";
  static final String COUNT = "centroid_count";
  static final String DIGEST = "centroid_digest";
  static final String STARTED_AT = "started_at";
  /** Far longer than any writer takes between marking a generation and flipping to it (seconds). */
  static final Duration ABANDONED_AFTER = Duration.ofHours(1);
  private static final int ATTEMPTS = 5;
  private static final SecureRandom GENERATIONS = new SecureRandom();

  /** A run item and all of its centroid items, in centroid order. */
  record Read(Map<String, AttributeValue> run, List<Map<String, AttributeValue>> centroids) {}

  private final Dynamo dynamo;
  private final TableSpec runs;
  private final TableSpec centroids;
  private final Clock clock;

  RunWithCentroids(Dynamo dynamo, TableSpec runs, TableSpec centroids) {
    this(dynamo, runs, centroids, Clock.systemUTC());
  }

  /** {@code clock} dates the generation marks, and so decides which are abandoned. */
  RunWithCentroids(Dynamo dynamo, TableSpec runs, TableSpec centroids, Clock clock) {
    this.dynamo = dynamo;
    this.runs = runs;
    this.centroids = centroids;
    this.clock = clock;
  }

  /**
   * Publishes {@code run} (without its pointer attributes) and {@code centroidItems} (without their
   * partition key), the centroids under a key starting with {@code base}. Returns the items written.
   */
  int publish(Map<String, AttributeValue> run, String base, List<Map<String, AttributeValue>> centroidItems) {
    Map<String, AttributeValue> key = runKey(run);
    String digest = digest(centroidItems);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (attempt > 0) {
        Dynamo.sleepBackoff(attempt);
      }
      Optional<Map<String, AttributeValue>> stored = dynamo.get(runs.name(), key);
      Optional<String> old = stored.map(item -> item.get(POINTER).s());
      boolean same = stored.map(item -> item.get(DIGEST)).filter(d -> d.s().equals(digest)).isPresent();
      long generation = GENERATIONS.nextLong() & Long.MAX_VALUE;
      String pointer = same ? old.get() : pointer(base, generation);
      if (!same) {
        mark(base, generation);
        dynamo.putAll(centroids.name(), withPartition(pointer, centroidItems));
      }
      Map<String, AttributeValue> item = new HashMap<>(run);
      item.put(POINTER, AttributeValue.fromS(pointer));
      item.put(COUNT, AttributeValue.fromN(Integer.toString(centroidItems.size())));
      item.put(DIGEST, AttributeValue.fromS(digest));
      if (!putIfPointerIs(item, old)) {
        // Another writer of this run flipped the pointer since we read it: ours was never visible.
        if (!same) {
          deletePartition(pointer);
          unmark(base, generation);
        }
        continue;
      }
      if (old.isPresent() && !same) {
        deletePartition(old.get());
      }
      if (!same) {
        unmark(base, generation);
      }
      deleteAbandoned(base, key);
      return centroidItems.size() + 1;
    }
    throw new IllegalStateException("run " + key + " was replaced by other writers " + ATTEMPTS + " times while this one wrote it");
  }

  /** The run item {@code found} (read by key or index) with all of its centroids; follows the pointer again if the run was replaced meanwhile. */
  Read complete(Map<String, AttributeValue> found) {
    Map<String, AttributeValue> run = found;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      List<Map<String, AttributeValue>> items = partition(run.get(POINTER).s());
      AttributeValue count = run.get(COUNT);
      // Items written before the protocol have no count; their partition was never replaced in place by this code.
      if (count == null || Integer.parseInt(count.n()) == items.size()) {
        return new Read(run, items);
      }
      Map<String, AttributeValue> key = runKey(run);
      run = dynamo.get(runs.name(), key).orElseThrow(() -> new IllegalStateException("run " + key + " was deleted while it was read"));
    }
    throw new IllegalStateException("run " + runKey(found) + " was replaced " + ATTEMPTS + " times while it was read");
  }

  private boolean putIfPointerIs(Map<String, AttributeValue> item, Optional<String> expected) {
    PutItemRequest.Builder put = PutItemRequest.builder().tableName(runs.name()).item(item);
    if (expected.isPresent()) {
      put.conditionExpression("#p = :p").expressionAttributeNames(Map.of("#p", POINTER))
          .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(expected.get())));
    } else {
      put.conditionExpression("attribute_not_exists(#h)").expressionAttributeNames(Map.of("#h", runs.hash().name()));
    }
    try {
      dynamo.client().putItem(put.build());
      return true;
    } catch (ConditionalCheckFailedException failed) {
      // Either another writer flipped the pointer, or our own put landed and the SDK retried it after
      // a lost answer (a 5xx or a timeout), finding the pointer already flipped by us. Generations
      // are never reused, so the stored pointer tells which.
      String ours = item.get(POINTER).s();
      return dynamo.get(runs.name(), runKey(item)).map(stored -> stored.get(POINTER).s().equals(ours)).orElse(false);
    }
  }

  private List<Map<String, AttributeValue>> partition(String pointer) {
    return dynamo.queryAll(QueryRequest.builder().tableName(centroids.name())
        .keyConditionExpression("#r = :r").expressionAttributeNames(Map.of("#r", centroids.hash().name()))
        .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(pointer))).consistentRead(true).build());
  }

  private void deletePartition(String pointer) {
    dynamo.deleteSortKeysFrom(centroids, pointer, 0);
  }

  private static String pointer(String base, long generation) {
    return base + "#" + Long.toHexString(generation);
  }

  /** Not a generation's key: generations are hexadecimal. */
  private static String marks(String base) {
    return base + "#started";
  }

  private void mark(String base, long generation) {
    dynamo.putAll(centroids.name(), List.of(Map.of(centroids.hash().name(), AttributeValue.fromS(marks(base)),
        centroids.range().name(), AttributeValue.fromN(Long.toString(generation)),
        STARTED_AT, AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond())))));
  }

  private void unmark(String base, long generation) {
    dynamo.deleteAll(centroids.name(), List.of(Map.of(centroids.hash().name(), AttributeValue.fromS(marks(base)),
        centroids.range().name(), AttributeValue.fromN(Long.toString(generation)))));
  }

  /** Deletes the generations of this run marked before {@link #ABANDONED_AFTER} ago, but never the one the run points to. */
  private void deleteAbandoned(String base, Map<String, AttributeValue> runKey) {
    String current = dynamo.get(runs.name(), runKey).map(item -> item.get(POINTER).s()).orElse(null);
    long cutoff = clock.instant().minus(ABANDONED_AFTER).getEpochSecond();
    for (Map<String, AttributeValue> mark : partition(marks(base))) {
      long generation = Long.parseLong(mark.get(centroids.range().name()).n());
      if (Long.parseLong(mark.get(STARTED_AT).n()) < cutoff && !pointer(base, generation).equals(current)) {
        deletePartition(pointer(base, generation));
        unmark(base, generation);
      }
    }
  }

  private Map<String, AttributeValue> runKey(Map<String, AttributeValue> run) {
    return Map.of(runs.hash().name(), Objects.requireNonNull(run.get(runs.hash().name())),
        runs.range().name(), Objects.requireNonNull(run.get(runs.range().name())));
  }

  private List<Map<String, AttributeValue>> withPartition(String pointer, List<Map<String, AttributeValue>> items) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    for (Map<String, AttributeValue> item : items) {
      Map<String, AttributeValue> keyed = new HashMap<>(item);
      keyed.put(centroids.hash().name(), AttributeValue.fromS(pointer));
      out.add(keyed);
    }
    return out;
  }

  /**
   * SHA-256 of the centroid items in a canonical form (map keys sorted): equal items give the same
   * digest in any JVM, whatever order their maps iterate in.
   */
  static String digest(List<Map<String, AttributeValue>> items) {
    StringBuilder canonical = new StringBuilder();
    items.forEach(item -> canonical(AttributeValue.fromM(item), canonical));
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void canonical(AttributeValue value, StringBuilder out) {
    switch (value.type()) {
      case S -> out.append("S").append(value.s().length()).append(':').append(value.s());
      case N -> out.append("N").append(value.n()).append(';');
      case B -> out.append("B").append(HexFormat.of().formatHex(value.b().asByteArray())).append(';');
      case BOOL -> out.append(value.bool() ? "T" : "F");
      case NUL -> out.append("0");
      case L -> {
        out.append("L").append(value.l().size()).append('[');
        value.l().forEach(v -> canonical(v, out));
        out.append(']');
      }
      case M -> {
        out.append("M").append(value.m().size()).append('{');
        new TreeMap<>(value.m()).forEach((k, v) -> {
          out.append(k.length()).append(':').append(k);
          canonical(v, out);
        });
        out.append('}');
      }
      default -> throw new IllegalArgumentException("no canonical form for a " + value.type() + " attribute");
    }
  }
}
