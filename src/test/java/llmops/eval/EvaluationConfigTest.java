package llmops.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationConfigTest {
  private static final String DATASET = """
      dataset:
        dataset_name: trivia
        model_input_key: question
        target_output_key: answer
        model_output_key: output
      """;

  private static EvaluationConfig parse(String yaml) throws Exception {
    return EvaluationConfig.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }

  private static String error(String yaml) {
    return assertThrows(IllegalArgumentException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void readsTheShippedExample() throws Exception {
    try (InputStream in = new FileInputStream("conf/evaluation_config.yaml")) {
      EvaluationConfig config = EvaluationConfig.parse(in, "conf/evaluation_config.yaml");
      assertEquals("trivia_qa_sampled", config.dataset().name());
      assertEquals(List.of("llama2-7b-f", "falcon-7b"), config.models().stream().map(EvaluationConfig.Model::name).toList());
      assertEquals("answers.\"falcon-7b\"", config.modelOutputOf(config.models().get(1)));
      assertEquals(List.of("factual_knowledge", "qa_accuracy", "summarization_accuracy", "semantic_similarity"),
          config.algorithms().stream().map(EvaluationConfig.Algorithm::name).toList());
    }
  }

  @Test
  void readsTheAwsSampleAlgorithmEntry() throws Exception {
    EvaluationConfig config = parse(DATASET + """
        algorithms:
          - algorithm: "FactualKnowledge"
            module: "fmeval.eval_algorithms.factual_knowledge"
            config: "FactualKnowledgeConfig"
            target_output_delimiter: "<OR>"
        """);
    assertEquals(new EvaluationConfig.Algorithm("factual_knowledge", "<OR>", "OR", null), config.algorithms().get(0));
  }

  @Test
  void acceptsFmevalsLocationNames() throws Exception {
    EvaluationConfig config = parse("""
        dataset: {dataset_name: d, model_input_location: "q", target_output_location: "a[0]", category_location: "c"}
        algorithms: [{algorithm: qa_accuracy}]
        """);
    assertEquals("a[0]", config.dataset().targetOutput());
    assertEquals("c", config.dataset().category());
  }

  @Test
  void anUnknownAlgorithmIsNamedWithItsKey() {
    String message = error(DATASET + "algorithms: [{algorithm: qa_accuracy}, {algorithm: PromptStereotyping}]");
    assertTrue(message.startsWith("test.yaml: algorithms[1].algorithm: unknown algorithm 'PromptStereotyping'"), message);
  }

  @Test
  void toxicityWithoutItsDetectorIsNamed() {
    assertEquals("test.yaml: algorithms[0].detector: missing", error(DATASET + "algorithms: [{algorithm: Toxicity}]"));
  }

  @Test
  void perturbationSettingsOnAnAlgorithmThatDoesNotPerturbAreNamed() {
    assertEquals("test.yaml: algorithms[0].num_perturbations: only the semantic robustness algorithms perturb inputs",
        error(DATASET + "algorithms: [{algorithm: QAAccuracy, num_perturbations: 3}]"));
  }

  @Test
  void aModelWithBothAnOutputKeyAndAProviderIsNamed() {
    String message = error(DATASET + "models: [{name: m, model_output_key: out, model_provider: bedrock, model_id: x}]\n"
        + "algorithms: [{algorithm: QAAccuracy}]");
    assertTrue(message.startsWith("test.yaml: models[0].model_output_key: and model_provider both given"), message);
  }

  @Test
  void aSageMakerModelWithoutItsEndpointNameIsNamed() {
    assertEquals("test.yaml: models[0].endpoint_name: missing", error(DATASET + "models: [{name: m, model_provider: sagemaker}]\n"
        + "algorithms: [{algorithm: QAAccuracy}]"));
  }

  @Test
  void aMisspeltKeyIsNamed() {
    String message = error(DATASET + "algorithms: [{algorithm: qa_accuracy, target_output_delimeter: '<OR>'}]");
    assertTrue(message.startsWith("test.yaml: algorithms[0].target_output_delimeter: unknown key"), message);
  }

  @Test
  void aBadJmesPathIsNamedWithItsKey() {
    String message = error("""
        dataset: {dataset_name: d, model_input_key: "question", target_output_key: "answers[", model_output_key: o}
        algorithms: [{algorithm: qa_accuracy}]
        """);
    assertTrue(message.startsWith("test.yaml: dataset.target_output_key: 'answers[' is not a JMESPath expression"), message);
  }

  @Test
  void anEmptyDelimiterIsRefusedAsFmevalDoes() {
    String message = error(DATASET + "algorithms: [{algorithm: qa_accuracy, target_output_delimiter: ''}]");
    assertTrue(message.contains("algorithms[0].target_output_delimiter"), message);
  }

  @Test
  void theLogicalOperatorIsOrOrAnd() {
    String message = error(DATASET + "algorithms: [{algorithm: factual_knowledge, logical_operator: XOR}]");
    assertTrue(message.startsWith("test.yaml: algorithms[0].logical_operator: must be OR or AND"), message);
  }

  @Test
  void aMissingTargetLocationIsNamed() {
    String message = error("dataset: {dataset_name: d, model_input_key: q}\nalgorithms: [{algorithm: qa_accuracy}]");
    assertTrue(message.startsWith("test.yaml: dataset.target_output_key: missing"), message);
  }

  @Test
  void withoutModelsTheModelIsNamedOnTheCommandLine() throws Exception {
    EvaluationConfig config = parse(DATASET + "algorithms: [{algorithm: qa_accuracy}]");
    assertEquals("my-model", config.selectModels("my-model").get(0).name());
    assertThrows(IllegalArgumentException.class, () -> config.selectModels(null));
  }

  @Test
  void aModelNotInTheConfigIsRefused() throws Exception {
    EvaluationConfig config = parse(DATASET + "models: [{name: a}, {name: b}]\nalgorithms: [{algorithm: qa_accuracy}]");
    assertEquals(List.of("a", "b"), config.selectModels(null).stream().map(EvaluationConfig.Model::name).toList());
    String message = assertThrows(IllegalArgumentException.class, () -> config.selectModels("c")).getMessage();
    assertTrue(message.contains("--model c is not in the config's models ([a, b])"), message);
  }

  @Test
  void aMisspeltKeyInAModelEntryFailsNamingIt() {
    // "model_ouput_key" would otherwise leave the model reading the dataset's model_output_key.
    String message = error(DATASET + """
        models:
          - {name: good, model_output_key: out.good}
          - {name: bad, model_ouput_key: out.bad}
        algorithms: [{algorithm: QAAccuracy}]
        """);
    assertTrue(message.startsWith("test.yaml: models[1].model_ouput_key: unknown key (known: "), message);
  }

  @Test
  void theAwsSamplesDeploymentKeysInAModelEntryAreAccepted() throws Exception {
    EvaluationConfig config = parse(DATASET + """
        models:
          - {name: llama, model_id: meta-textgeneration-llama-2-7b-f, model_version: "*", instance_type: ml.g5.2xlarge,
             cleanup_endpoint: true, module: sagemaker.jumpstart.model, deployment_config: {}, model_output_key: out.llama}
        algorithms: [{algorithm: QAAccuracy}]
        """);
    assertEquals("out.llama", config.modelOutputOf(config.models().get(0)));
  }

  @Test
  void aMisspeltKeyInTheToxicityDetectorFailsNamingIt() {
    String message = error(DATASET + """
        algorithms:
          - algorithm: Toxicity
            detector: {model_provider: sagemaker, endpoint_name: detox, region: us-east-1, evaluation_config: {content_template: PROMPT_PLACEHOLDER, output: '@'},
                       timeout_secs: 5}
        """);
    assertTrue(message.startsWith("test.yaml: algorithms[0].detector.timeout_secs: unknown key (known: "), message);
  }

  @Test
  void aMisspeltKeyInTheJudgeFailsNamingIt() {
    String message = error(DATASET + """
        algorithms:
          - algorithm: llm_judge
            judge: {model_provider: bedrock, modelid: anthropic.claude-3-sonnet, region: us-east-1}
            rubric: {name: correctness, criteria: 'Is it correct?', min: 1, max: 5}
        """);
    assertTrue(message.startsWith("test.yaml: algorithms[0].judge.modelid: unknown key (known: "), message);
  }

  @Test
  void semanticSimilarityEmbedsWithFp32UnlessTheInt8ModelIsNamed() throws Exception {
    EvaluationConfig config = parse(DATASET + """
        algorithms:
          - algorithm: qa_accuracy
          - algorithm: SemanticSimilarity
            embedding_model: all-minilm-l6-v2-q
        """);
    assertEquals(null, config.algorithms().get(0).embeddingModel(), "qa_accuracy embeds nothing");
    assertEquals(llmops.udfs.embeddings.SentenceModel.ALL_MINILM_L6_V2_Q, config.algorithms().get(1).embeddingModel());
    assertEquals(llmops.udfs.embeddings.SentenceModel.ALL_MINILM_L6_V2,
        parse(DATASET + "algorithms: [{algorithm: SemanticSimilarity}]").algorithms().get(0).embeddingModel());
  }

  @Test
  void anUnknownEmbeddingModelIsNamedWithItsKey() {
    assertEquals("test.yaml: algorithms[0].embedding_model: must be one of [all-minilm-l6-v2, all-minilm-l6-v2-q] (got 'bge-small')",
        error(DATASET + "algorithms: [{algorithm: semantic_similarity, embedding_model: bge-small}]"));
  }

  @Test
  void anEmbeddingModelOnAnAlgorithmThatEmbedsNothingIsNamed() {
    assertEquals("test.yaml: algorithms[0].embedding_model: only semantic_similarity, rag_similarity and answer_relevancy embed texts",
        error(DATASET + "algorithms: [{algorithm: qa_accuracy, embedding_model: all-minilm-l6-v2-q}]"));
  }

  @Test
  void statisticsDefaultToAThousandReplicatesAt95PercentSeeded42() throws Exception {
    assertEquals(new EvaluationConfig.Statistics(1000, 0.95, 42), parse(DATASET + "algorithms: [{algorithm: qa_accuracy}]").statistics());
    assertEquals(new EvaluationConfig.Statistics(200, 0.9, 42), parse(DATASET + """
        algorithms: [{algorithm: qa_accuracy}]
        statistics: {bootstrap_replicates: 200, confidence: 0.9}
        """).statistics());
  }

  @Test
  void aConfidenceOutsideZeroToOneIsNamed() {
    assertEquals("test.yaml: statistics.confidence: must be a number between 0 and 1, e.g. 0.95 (got 95)",
        error(DATASET + "algorithms: [{algorithm: qa_accuracy}]\nstatistics: {confidence: 95}"));
  }

  @Test
  void replicatesMustBeAWholeNumberFromZero() {
    assertEquals("test.yaml: statistics.bootstrap_replicates: must be a whole number from 0 (no intervals) to 100000 (got -1)",
        error(DATASET + "algorithms: [{algorithm: qa_accuracy}]\nstatistics: {bootstrap_replicates: -1}"));
    assertTrue(error(DATASET + "algorithms: [{algorithm: qa_accuracy}]\nstatistics: {bootstrap_replicates: 1.5}")
        .startsWith("test.yaml: statistics.bootstrap_replicates: must be a whole number"));
  }

  @Test
  void aMisspeltStatisticsKeyIsNamed() {
    assertTrue(error(DATASET + "algorithms: [{algorithm: qa_accuracy}]\nstatistics: {replicates: 100}")
        .startsWith("test.yaml: statistics.replicates: unknown key"));
  }

  private static final String JUDGE = "{model_provider: bedrock, model_id: anthropic.claude-3-haiku}";

  @Test
  void aRagMetricThatReadsContextsNeedsTheDatasetsContextKey() {
    assertEquals("test.yaml: dataset.context_key: missing: faithfulness (algorithms[0]) reads the retrieved contexts; say where they are in a record"
        + " (a list of texts, or a text with context_delimiter)", error(DATASET + "algorithms: [{algorithm: Faithfulness, judge: " + JUDGE + "}]"));
  }

  @Test
  void ragMetricsTakeTheirJudgeAndContextsWithADelimiterOfWhiteSpace() throws Exception {
    EvaluationConfig config = parse(DATASET + """
          context_key: retrieved
          context_delimiter: "\\n\\n"
        algorithms:
          - {algorithm: AnswerRelevancy, questions: 5, judge: %s}
          - {algorithm: ContextPrecision, judge: %s}
        """.formatted(JUDGE, JUDGE));
    assertEquals("retrieved", config.dataset().contexts());
    assertEquals("\n\n", config.dataset().contextDelimiter());
    assertEquals(5, config.algorithms().get(0).generatedQuestions());
    assertEquals("anthropic.claude-3-haiku", config.algorithms().get(1).caller().modelId());
  }

  @Test
  void aJudgedRagMetricWithoutItsJudgeIsNamed() {
    assertEquals("test.yaml: algorithms[0].judge: missing", error(DATASET + "algorithms: [{algorithm: AnswerRelevancy}]"));
    assertEquals("test.yaml: algorithms[0].questions: must be a whole number from 1 to 10 (got 0)",
        error(DATASET + "algorithms: [{algorithm: AnswerRelevancy, questions: 0, judge: " + JUDGE + "}]"));
  }

  @Test
  void pairwiseJudgingNeedsAJudgeAndCriteriaAndALevelInsideZeroToOne() throws Exception {
    String algorithms = "algorithms: [{algorithm: QAAccuracy}]\n";
    assertEquals("test.yaml: pairwise.criteria: missing", error(DATASET + algorithms + "pairwise: {judge: " + JUDGE + "}"));
    assertEquals("test.yaml: pairwise.level: must be a number between 0 and 1, e.g. 0.95 (got 95)",
        error(DATASET + algorithms + "pairwise: {judge: " + JUDGE + ", criteria: helpful, level: 95}"));
    EvaluationConfig config = parse(DATASET + algorithms + "pairwise: {judge: " + JUDGE + ", criteria: 'Which answer is more helpful?'}");
    assertEquals(0.95, config.pairwise().level(), 0);
    assertTrue(config.callsOtherModels());
  }
}
