package llmops.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import llmops.testing.LocalServices;
import llmops.testing.Processes;
import org.junit.jupiter.api.Test;

/**
 * Every CloudFormation template in conf/cloudformation/ passes cfn-lint (the pinned version of
 * scripts/requirements/aws-tools.txt, with its resource specifications) with no error, warning or
 * informational finding: what CloudFormation itself would reject, and what it would accept wrongly.
 */
class CloudFormationLintTest {
  @Test
  void everyTemplatePassesCfnLint() throws Exception {
    List<String> command = new ArrayList<>(List.of(LocalServices.pythonTool("aws-tools", "cfn-lint").toString(), "--info"));
    try (Stream<Path> templates = Files.list(Path.of("conf", "cloudformation"))) {
      templates.filter(path -> path.toString().endsWith(".yaml")).sorted().map(Path::toString).forEach(command::add);
    }
    Processes.Result linted = Processes.run(command.toArray(new String[0]));
    assertEquals(0, linted.exitCode(), linted.stdout() + linted.stderr());
  }
}
