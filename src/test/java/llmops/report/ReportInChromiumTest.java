package llmops.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import llmops.testing.HeadlessChromium;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report built from the small demo, opened as a user would: in a browser (headless Chromium), on a closed network. */
class ReportInChromiumTest {
  /** Kept after the build (see README, "The report"): how the page looks, for a person to check. */
  static final Path SCREENSHOT = Path.of("target", "report-screenshot", "report.png");

  @BeforeEach
  void needsChromium() {
    assumeTrue(HeadlessChromium.available(),
        "chromium is not installed at " + HeadlessChromium.BINARY + ": scripts/test installs Debian's chromium package");
  }

  @Test
  void theBrowserShowsEverySectionOfTheReport() throws Exception {
    HeadlessChromium.Page page = HeadlessChromium.open(DemoRun.report().page());
    for (String id : List.of("glance", "drift", "distance", "evaluation", "drift-reference", "distance-prompts", "eval-tiny_qa",
        "eval-unmeasured_qa")) {
      assertTrue(page.dom().contains("id=\"" + id + "\""), "the loaded page has section " + id);
    }
    assertTrue(page.dom().contains("data-run=\"1002\" data-verdict=\"drift\""), "the drifted SNAPSHOT's verdict row");
  }

  @Test
  void theReportLogsNoConsoleMessages() throws Exception {
    assertEquals(List.of(), HeadlessChromium.open(DemoRun.report().page()).console());
  }

  @Test
  void theConsoleCheckCatchesAPageWithErrors(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.html");
    Files.writeString(broken, "<!DOCTYPE html><html><body><p>broken</p><script>console.error('deliberate'); notDefined();</script></body></html>");
    List<String> console = HeadlessChromium.open(broken).console();
    assertEquals(2, console.size(), console.toString());
    assertTrue(console.get(0).contains("deliberate"), console.get(0));
    assertTrue(console.get(1).contains("notDefined is not defined"), console.get(1));
  }

  @Test
  void aScreenshotOfTheReportIsKept() throws Exception {
    Files.deleteIfExists(SCREENSHOT);
    HeadlessChromium.screenshot(DemoRun.report().page(), SCREENSHOT, 1100, 4200);
    BufferedImage image = ImageIO.read(SCREENSHOT.toFile());
    assertEquals(1100, image.getWidth());
    assertEquals(4200, image.getHeight());
  }
}
