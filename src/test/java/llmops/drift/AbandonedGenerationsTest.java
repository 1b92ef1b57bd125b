package llmops.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import llmops.io.Dynamo;
import llmops.io.TableSpec;
import llmops.testing.LocalServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * A drift writer that dies after writing a new generation of a run's centroids but before flipping
 * the run to it leaves centroids nothing points to. The next write of that run deletes them once
 * they are {@link RunWithCentroids#ABANDONED_AFTER} old, and not before (their writer could still
 * be at work). The death is the writer's process stopping at its flip: its client throws there.
 */
class AbandonedGenerationsTest {
  private static final Instant DIED_AT = Instant.parse("2026-07-17T03:00:00Z");

  @BeforeAll
  static void endpoint() throws Exception {
    System.setProperty("llmops.dynamodb.endpoint", LocalServices.dynamoDb().toString());
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  /** The process stops where it would flip the pointer: a put to the runs table. */
  private static final class DiesAtTheFlip implements ExecutionInterceptor {
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (context.request() instanceof PutItemRequest put && put.tableName().endsWith("-runs")) {
        throw new IllegalStateException("the writer's process died");
      }
    }
  }

  /** Each centroid table item as "partition-kind version", the kind being the run's generation ("gen") or a mark ("mark"). */
  private static Set<String> centroidTable(Dynamo dynamo, String table) {
    Set<String> items = new TreeSet<>();
    dynamo.client().scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(item -> {
      String partition = item.get("run").s();
      String kind = partition.endsWith("#started") ? "mark" : "gen";
      items.add(kind + " " + (item.containsKey("version") ? item.get("version").s() + item.get("centroid").n() : ""));
    });
    return items;
  }

  private static Set<String> afterARewriteAt(Duration sinceTheDeath, String prefix) throws Exception {
    try (Dynamo dynamo = Dynamo.connect(); Dynamo dying = Dynamo.connect(List.of(new DiesAtTheFlip()))) {
      TaggedRuns.Tables tables = TaggedRuns.Tables.of(dynamo, prefix);
      TableSpec runs = tables.runs();
      TableSpec centroids = tables.centroids();
      TaggedRuns.publish(new RunWithCentroids(dynamo, runs, centroids, at(DIED_AT.minusSeconds(60))), "A", 2);
      assertThrows(RuntimeException.class, () -> TaggedRuns.publish(new RunWithCentroids(dying, runs, centroids, at(DIED_AT)), "B", 3));
      assertEquals(Set.of("gen A0", "gen A1", "gen B0", "gen B1", "gen B2", "mark "), centroidTable(dynamo, centroids.name()),
          "the dead writer's generation and its mark are left behind");

      TaggedRuns.publish(new RunWithCentroids(dynamo, runs, centroids, at(DIED_AT.plus(sinceTheDeath))), "A", 2);
      RunWithCentroids.Read read = new RunWithCentroids(dynamo, runs, centroids).complete(dynamo.get(runs.name(),
          TaggedRuns.runKey()).orElseThrow());
      assertEquals("A", read.run().get("version").s());
      assertEquals(2, read.centroids().size());
      return centroidTable(dynamo, centroids.name());
    }
  }

  @Test
  void theNextWriteOfTheRunAnHourLaterDeletesTheAbandonedGenerationAndItsMark() throws Exception {
    assertEquals(Set.of("gen A0", "gen A1"), afterARewriteAt(RunWithCentroids.ABANDONED_AFTER.plusSeconds(1), "ab-late"));
  }

  @Test
  void aGenerationMarkedLessThanAnHourAgoIsKeptForItsWriterMayStillBeAtWork() throws Exception {
    assertEquals(Set.of("gen A0", "gen A1", "gen B0", "gen B1", "gen B2", "mark "),
        afterARewriteAt(RunWithCentroids.ABANDONED_AFTER.minusSeconds(60), "ab-early"));
  }
}
