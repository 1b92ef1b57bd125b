package llmops.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import llmops.testing.Cli;

/** The runs of one {@link BadInputContract} class: set once, before its tests, then read. */
final class BadInputRuns {
  private Path dir;
  private JsonNode manifest;
  private Cli.Result mixed;
  private Cli.Result good;

  void keep(Path dir, JsonNode manifest, Cli.Result mixed, Cli.Result good) {
    this.dir = dir;
    this.manifest = manifest;
    this.mixed = mixed;
    this.good = good;
  }

  /** Where the runs wrote their outputs. */
  Path dir() {
    return dir;
  }

  /** The data set's known counts. */
  JsonNode manifest() {
    return manifest;
  }

  /** The run over mixed/ plus the 50 MB line. */
  Cli.Result mixed() {
    return mixed;
  }

  /** The run over good/. */
  Cli.Result good() {
    return good;
  }
}
