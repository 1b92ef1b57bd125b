package llmops.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import llmops.testing.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every job promises on bad input, as tests each job's test class inherits by implementing
 * this: the job runs over a copy of one corpus data set's mixed/ (good and bad records) with a 50 MB
 * line added, and over its good/ (the same files, bad lines blanked). Both runs succeed; every bad
 * record is counted by reason and kept, with its reason, where a reader finds it; every line is
 * accounted for; an empty prefix is a clear error. What a job's good records must give is the job's
 * own test, in its class. One instance per class holds the runs for all its tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
interface BadInputContract {
  /** The corpus data set the job reads (a folder of src/test/resources/bad-input). */
  String dataSet();

  /** Adds the 50 MB line, in the data set's format, to the copy of mixed/, in a file that sorts last. */
  void addTheHugeLine(Path mixedCopy) throws IOException;

  /** Runs the job over {@code input}, with its outputs under {@code dir} named after {@code name}. */
  Cli.Result run(String name, Path input, Path dir) throws Exception;

  /** Where this class's instance keeps its runs. */
  BadInputRuns runs();

  /** The start of the error a run over {@code empty}, a prefix with no input files, ends with. */
  default String noInputError(Path empty) {
    return "no input files under " + empty;
  }

  /** Anything the job needs before it runs (a BASELINE to measure against, say). */
  default void prepare(Path dir) throws Exception {}

  /** How a run accounts for its lines, per scope (the input, or each model): records, usable ones, those set aside. */
  record Accounting(long records, long usable, long setAside) {}

  /** The run's accounting as its summary states it. */
  default Map<String, Accounting> accounting(Cli.Result run) {
    JsonNode in = run.summary().get("input");
    return Map.of("input", new Accounting(in.get("records").asLong(), in.get("valid").asLong(), in.get("quarantined").asLong()));
  }

  /**
   * The accounting the manifest gives for mixed/ plus the 50 MB line: a corrupt file is set aside once
   * but is not a record.
   */
  default Map<String, Accounting> expectedAccounting(JsonNode manifest) {
    long records = manifest.get("records").asLong() + 1;
    long good = manifest.get("good").asLong();
    return Map.of("input", new Accounting(records, good, records + manifest.get("corrupt_files").asLong() - good));
  }

  default long blankLinesSkipped(Cli.Result run) {
    return run.summary().at("/input/blank_lines_skipped").asLong();
  }

  /** The bad records a run counted in its summary, by reason (a key per scope where the job counts per model). */
  default Map<String, Long> countedByReason(Cli.Result run) {
    return BadInputCorpus.counts(run.summary().at("/input/quarantined_by_reason"));
  }

  /** The bad records where a reader finds them after the run (its quarantine), by reason as {@link #countedByReason}. */
  default Map<String, Long> keptByReason(Cli.Result run, String name) {
    return BadInputCorpus.quarantinedByReason(run.summary().at("/input/quarantine_path").asText());
  }

  /** What the manifest says mixed/ plus the 50 MB line holds, by reason as {@link #countedByReason}. */
  default Map<String, Long> expectedByReason(JsonNode manifest) {
    return BadInputCorpus.withTheHugeLine(manifest.get("quarantined_by_reason"));
  }

  /** What good/ still holds that the job sets aside (none, unless a record is bad for some models only). */
  default Map<String, Long> expectedByReasonInGood(JsonNode manifest) {
    return Map.of();
  }

  @BeforeAll
  default void runOnMixedAndOnGoodOnly(@TempDir Path dir) throws Exception {
    prepare(dir);
    Path mixed = BadInputCorpus.mixedCopy(dataSet(), dir);
    addTheHugeLine(mixed);
    runs().keep(dir, BadInputCorpus.manifest(dataSet()), run("mixed", mixed, dir), run("good", BadInputCorpus.good(dataSet()), dir));
  }

  @Test
  default void theRunsCompleteWithExitCode0() {
    assertEquals(0, runs().mixed().exitCode(), runs().mixed().stdout());
    assertEquals(0, runs().good().exitCode(), runs().good().stdout());
  }

  @Test
  default void everyBadRecordIsCountedByReasonInTheSummary() {
    assertEquals(expectedByReason(runs().manifest()), countedByReason(runs().mixed()));
    assertEquals(expectedByReasonInGood(runs().manifest()), countedByReason(runs().good()));
  }

  @Test
  default void everyBadRecordIsKeptWithItsReason() {
    assertEquals(expectedByReason(runs().manifest()), keptByReason(runs().mixed(), "mixed"));
  }

  @Test
  default void nothingElseIsLostEveryLineIsUsableSetAsideOrBlank() {
    assertEquals(expectedAccounting(runs().manifest()), accounting(runs().mixed()));
    assertEquals(runs().manifest().get("blank_lines").asLong(), blankLinesSkipped(runs().mixed()));
  }

  @Test
  default void anEmptyPrefixIsAClearErrorWithExitCode1() throws Exception {
    Path empty = runs().dir().resolve("empty-prefix");
    // Spark's leftovers of an aborted write hold no input either.
    Files.createDirectories(empty.resolve("_temporary"));
    Cli.Result run = run("empty-prefix", empty, runs().dir());
    assertEquals(1, run.exitCode());
    assertTrue(run.summary().get("error").asText().contains(noInputError(empty)), run.summary().toString());
  }
}
