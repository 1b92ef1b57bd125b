package llmops.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import llmops.io.Locations;
import llmops.testing.SparkTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the job base promises every job: what a run caches is released when the run ends, however it ends. */
class JobRunTest {
  @BeforeAll
  static void spark() {
    SparkTest.spark();
  }

  /** A job without DynamoDB whose pipeline is given as a function of its run. */
  private static final class Pipeline extends SparkJob {
    private final Function<JobRun, Integer> body;

    Pipeline(Function<JobRun, Integer> body) {
      this.body = body;
    }

    @Override
    protected String name() {
      return "test";
    }

    @Override
    protected boolean usesDynamo() {
      return false;
    }

    @Override
    protected Locations locations() {
      return new Locations();
    }

    @Override
    protected int run(JobRun job) {
      return body.apply(job);
    }
  }

  /** A frame of its own size: Spark's cache manager treats frames of the same plan as one entry. */
  private static Dataset<Row> cachedIn(JobRun job, int rows) {
    Dataset<Row> frame = job.persist(job.spark().range(rows).toDF());
    frame.count();
    return frame;
  }

  @Test
  void whatARunCachedIsReleasedWhenItSucceeds() throws Exception {
    List<Dataset<Row>> cached = new ArrayList<>();
    assertEquals(0, new Pipeline(job -> { cached.add(cachedIn(job, 101)); return 0; }).call());
    assertEquals(StorageLevel.NONE(), cached.get(0).storageLevel());
  }

  @Test
  void whatARunCachedIsReleasedWhenItFails() {
    List<Dataset<Row>> cached = new ArrayList<>();
    IllegalStateException failure = new IllegalStateException("the pipeline failed");
    Pipeline failing = new Pipeline(job -> {
      cached.add(cachedIn(job, 102));
      throw failure;
    });
    assertSame(failure, assertThrows(IllegalStateException.class, failing::call), "the failure itself reaches the caller");
    assertEquals(StorageLevel.NONE(), cached.get(0).storageLevel());
  }

  @Test
  void aNestedRunReleasesItsOwnCacheAndLeavesItsParentsUntilTheParentEnds() throws Exception {
    List<Dataset<Row>> parents = new ArrayList<>();
    List<Dataset<Row>> nested = new ArrayList<>();
    List<StorageLevel> parentsAfterNested = new ArrayList<>();
    Pipeline inner = new Pipeline(job -> { nested.add(cachedIn(job, 103)); return 0; });
    Pipeline outer = new Pipeline(job -> {
      parents.add(cachedIn(job, 104));
      try {
        inner.callWithin(job);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      parentsAfterNested.add(parents.get(0).storageLevel());
      return 0;
    });
    outer.call();
    assertEquals(StorageLevel.NONE(), nested.get(0).storageLevel());
    assertEquals(StorageLevel.MEMORY_AND_DISK(), parentsAfterNested.get(0));
    assertEquals(StorageLevel.NONE(), parents.get(0).storageLevel());
  }
}
