package llmops.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's chromium, headless, as a user's browser: the page's DOM after it loaded, the console
 * messages it logged, and a screenshot. Console messages reach stderr through Chromium's own
 * logging ({@code --enable-logging=stderr}) as lines with {@code :CONSOLE}; a page without scripts
 * logs none, so any such line is an error.
 */
public final class HeadlessChromium {
  public static final Path BINARY = Path.of("/usr/bin/chromium");

  /**
   * Headless as root, on a closed network: no sandbox (it needs user namespaces), no GPU, and none of
   * the background fetches (component updates, sync, QUIC probes) that fail without a network.
   */
  private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--enable-logging=stderr", "--v=0");

  public record Page(String dom, List<String> console) {}

  private HeadlessChromium() {}

  public static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** Loads the page and returns its DOM (as {@code --dump-dom} prints it) and every console message it logged. */
  public static Page open(Path html) throws IOException, InterruptedException {
    Run run = run("--dump-dom", html.toUri().toString());
    List<String> console = run.stderr().lines().filter(l -> l.contains(":CONSOLE")).toList();
    return new Page(run.stdout(), console);
  }

  /** Saves a screenshot of the page's first {@code height} pixels at {@code width} pixels wide. */
  public static void screenshot(Path html, Path png, int width, int height) throws IOException, InterruptedException {
    Files.createDirectories(png.getParent());
    run("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, "--hide-scrollbars", html.toUri().toString());
    if (!Files.isRegularFile(png)) {
      throw new IllegalStateException("chromium wrote no screenshot to " + png);
    }
  }

  private record Run(String stdout, String stderr) {}

  private static Run run(String... args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("chromium-profile");
    Path out = Files.createTempFile("chromium", ".out");
    Path err = Files.createTempFile("chromium", ".err");
    List<String> command = new ArrayList<>(List.of(BINARY.toString()));
    command.addAll(FLAGS);
    command.add("--user-data-dir=" + profile);
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("chromium did not finish within 120 s: " + command);
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IllegalStateException("chromium exited with " + process.exitValue() + ":\n" + stderr);
    }
    return new Run(Files.readString(out, StandardCharsets.UTF_8), stderr);
  }
}
