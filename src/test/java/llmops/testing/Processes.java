package llmops.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs a command from the project directory, as a user would, and keeps its exit code and output. */
public final class Processes {
  public record Result(int exitCode, String stdout, String stderr) {}

  private Processes() {}

  public static Path projectDir() {
    return Path.of("").toAbsolutePath();
  }

  public static Result run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(List.of(command)).directory(projectDir().toFile()).start();
    process.getOutputStream().close();
    // Both streams are read at once, so that neither fills its pipe and blocks the command.
    CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String stdout = read(process.getInputStream());
    return new Result(process.waitFor(), stdout, stderr.join());
  }

  /** Whether a program is on the PATH (tests that need it are skipped, with a note, when it is not). */
  public static boolean available(String program) throws IOException, InterruptedException {
    return new ProcessBuilder("sh", "-c", "command -v " + program).start().waitFor() == 0;
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
