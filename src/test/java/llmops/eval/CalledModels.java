package llmops.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import llmops.testing.Cli;
import llmops.testing.FakeModelServer;

/**
 * What the tests of called models share: twenty trivia questions ("What is answer number N?", target
 * "answerN", categories even/odd), a "good" model that knows every answer and a "poor" one that knows
 * the even half, configs around them, and the eval job run on them.
 */
final class CalledModels {
  static final int QUESTIONS = 20;
  static Path dir;
  static Path data;

  static void setUp() throws Exception {
    dir = Files.createTempDirectory("called-models");
    // The SDK's default credential chain reads these; the fake servers do not check signatures, and
    // DynamoDB Local keeps tables per access key: the same as the tests' own client's.
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    data = dir.resolve("trivia.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < QUESTIONS; i++) {
      lines.add("{\"id\": \"q" + i + "\", \"question\": \"What is answer number " + i + "?\", \"answer\": \"answer" + i + "\", \"category\": \""
          + (i % 2 == 0 ? "even" : "odd") + "\"}");
    }
    Files.writeString(data, String.join("\n", lines) + "\n");
  }

  static void tearDown() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  /** Knows every answer: the prompt ends with "number N?". */
  static String good(String prompt) {
    return "It is answer" + prompt.replaceAll(".*number (\\d+)\\?.*", "$1") + ".";
  }

  /** Knows the even ones only. */
  static String poor(String prompt) {
    int n = Integer.parseInt(prompt.replaceAll(".*number (\\d+)\\?.*", "$1"));
    return n % 2 == 0 ? "answer" + n : "no idea";
  }

  static Path config(String name, String models, String... extra) throws Exception {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, """
        dataset:
          dataset_name: %s
          model_input_key: question
          target_output_key: answer
          category_key: category
          record_id_key: id
        models:
        %s
        algorithms:
          - {algorithm: FactualKnowledge}
          - {algorithm: QAAccuracy}
        %s
        """.formatted(name, models.indent(2), String.join("\n", extra)));
    return file;
  }

  static Cli.Result eval(Path config, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("eval", "--config", config.toString(), "--data_path", data.toString(),
        "--output_path", dir.resolve("out-" + config.getFileName()).toString(), "--out_table", "runners-test",
        "--responses_table", "runners-responses-" + config.getFileName().toString().replace(".yaml", "")));
    args.addAll(List.of(extra));
    Cli.Result result = Cli.run(args.toArray(new String[0]));
    assertEquals(0, result.exitCode(), result.stdout());
    return result;
  }

  static JsonNode model(Cli.Result result, String name) {
    for (JsonNode m : result.summary().get("models")) {
      if (m.get("model").asText().equals(name)) {
        return m;
      }
    }
    throw new AssertionError("no model " + name + " in " + result.summary());
  }

  static String sageMaker(String name, FakeModelServer server, String limits) {
    return """
        - name: %s
          model_provider: jumpstart
          endpoint_name: %s-endpoint
          endpoint_url: %s
          region: us-east-1
          inference_component_name: %s-component
          adapters: %s-lora
          evaluation_config:
            output: '[0].generation.content'
            content_template: [[{"role": "user", "content": "PROMPT_PLACEHOLDER"}]]
            inference_parameters: {max_new_tokens: 50, temperature: 0.1}
            custom_attributes: {accept_eula: true}
            prompt_template: "Answer briefly. $feature"
          limits: %s
        """.formatted(name, name, server.uri(), name, name, limits);
  }

}
