package llmops.eval;

import static llmops.config.ConfigKeys.error;
import static llmops.config.ConfigKeys.text;
import static llmops.config.ConfigKeys.unknownKeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.burt.jmespath.JmesPath;
import io.burt.jmespath.jackson.JacksonRuntime;
import io.burt.jmespath.parser.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import llmops.eval.runners.ModelEndpoint;
import llmops.udfs.embeddings.SentenceModel;
import llmops.udfs.eval.Toxicity;
import llmops.udfs.eval.judge.JudgeRubric;
import llmops.udfs.eval.robustness.SemanticPerturbation;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The evaluation config YAML of the AWS "LLM evaluation at scale" sample ({@code pipeline},
 * {@code dataset}, {@code models}, {@code algorithms}), with what this job adds: where each model's
 * output and the category are in a record, and each algorithm's parameters. Everything is checked
 * here, before any Spark work, and every error names the key at fault.
 */
public record EvaluationConfig(String pipelineName, Dataset dataset, List<Model> models, List<Algorithm> algorithms, Selection selection,
    Pairwise pairwise, Statistics statistics) implements Serializable {

  /**
   * Where the records are and where in each record (JMESPath, as fmeval's DataConfig) its fields are.
   * {@code contexts}: the retrieved contexts of a RAG record, a list of texts or one text cut at
   * {@code contextDelimiter} (null: the text is one context).
   */
  public record Dataset(String name, String location, String mimeType, String modelInput, String targetOutput,
      String modelOutput, String category, String recordId, String contexts, String contextDelimiter) implements Serializable {}

  /**
   * Pairwise judging of the scored models' answers: the {@code judge} model compares two models' answers to the
   * same input on {@code criteria}, in both orders; win rates get Wilson intervals at {@code level}.
   */
  public record Pairwise(ModelEndpoint judge, String criteria, double level) implements Serializable {}

  /**
   * A model whose answers are in the dataset, at {@code modelOutput}, or one this job calls for them,
   * through {@code endpoint} (null for the first kind).
   */
  public record Model(String name, String modelOutput, ModelEndpoint endpoint) implements Serializable {
    public boolean isCalled() {
      return endpoint != null;
    }
  }

  /**
   * One algorithm with its parameters; {@code name} is fmeval's eval name (factual_knowledge, qa_accuracy, ...).
   * The semantic robustness algorithms have a {@code perturbation}; toxicity a {@code caller} (the classifier
   * endpoint or the Bedrock guardrail) and {@code toxicLabel}; the LLM judge a {@code caller} (the judge model)
   * and a {@code rubric}; semantic similarity and the RAG similarities their {@code embeddingModel}; the RAG
   * metrics their judge as {@code caller}, and answer relevancy also {@code generatedQuestions} (Ragas' strictness)
   * and its {@code embeddingModel}.
   */
  public record Algorithm(String name, String targetOutputDelimiter, String logicalOperator, List<String> validLabels,
      SemanticPerturbation perturbation, ModelEndpoint caller, String toxicLabel, JudgeRubric rubric, SentenceModel embeddingModel,
      Integer generatedQuestions) implements Serializable {
    public Algorithm(String name, String targetOutputDelimiter, String logicalOperator, List<String> validLabels) {
      this(name, targetOutputDelimiter, logicalOperator, validLabels, null, null, null, null, null, null);
    }

    public boolean isRobustness() {
      return perturbation != null;
    }

    public EvalAlgorithm kind() {
      return EvalAlgorithm.named(name);
    }

    /** The accuracy algorithm whose scores a robustness algorithm compares (null for the general one). */
    public String accuracyOfRobustness() {
      EvalAlgorithm accuracy = kind().accuracy();
      return accuracy == null ? null : accuracy.evalName();
    }
  }

  /**
   * How a run of several models picks one: the weights of quality (the score named {@code qualityScore}),
   * latency (p95) and cost. Absent from the config: quality alone, by the first algorithm's first score.
   */
  public record Selection(String qualityScore, double quality, double latency, double cost) implements Serializable {}

  /**
   * The uncertainty of the results: a Poisson bootstrap of {@code bootstrapReplicates} replicates
   * (0: none, no intervals and no paired tests), seeded with {@code seed}, gives percentile intervals
   * at {@code confidence}; paired tests between models are significant below {@code 1 - confidence}.
   */
  public record Statistics(int bootstrapReplicates, double confidence, long seed) implements Serializable {
    public static final Statistics DEFAULT = new Statistics(1000, 0.95, 42);
    /** More replicates than this cost time and memory without a visibly better interval. */
    static final int MAX_REPLICATES = 100_000;

    public boolean enabled() {
      return bootstrapReplicates > 0;
    }

    public double alpha() {
      return 1 - confidence;
    }
  }

  private static final Set<String> DATASET_KEYS = Set.of("dataset_name", "input_data_location", "dataset_uri", "dataset_mime_type",
      "model_input_key", "model_input_location", "target_output_key", "target_output_location", "model_output_key",
      "model_output_location", "category_key", "category_location", "record_id_key", "record_id_location", "context_key",
      "context_location", "context_delimiter");
  private static final Set<String> MODEL_KEYS = java.util.stream.Stream.concat(Stream.of("name", "model_output_key"),
      ModelEndpoint.ACCEPTED_KEYS.stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());
  private static final Set<String> ALGORITHM_KEYS = Set.of("algorithm", "module", "config", "target_output_delimiter",
      "logical_operator", "valid_labels", "multiclass_average_strategy", "perturbation_type", "num_perturbations",
      "butter_finger_perturbation_prob", "random_uppercase_corrupt_proportion", "whitespace_remove_prob", "whitespace_add_prob",
      "detector", "toxic_label", "judge", "rubric", "embedding_model", "questions");
  /** Ragas' default number of questions generated from an answer (its strictness). */
  static final int DEFAULT_GENERATED_QUESTIONS = 3;
  private static final Set<String> PERTURBATION_KEYS = Set.of("perturbation_type", "num_perturbations", "butter_finger_perturbation_prob",
      "random_uppercase_corrupt_proportion", "whitespace_remove_prob", "whitespace_add_prob");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final JmesPath<JsonNode> JMESPATH = new JacksonRuntime();

  public static EvaluationConfig load(String path, Configuration hadoop) throws IOException {
    Path file = new Path(path);
    try (InputStream in = file.getFileSystem(hadoop).open(file)) {
      return parse(in, path);
    }
  }

  public static EvaluationConfig parse(InputStream yaml, String source) throws IOException {
    JsonNode root = YAML.readTree(yaml);
    if (root == null || !root.isObject()) {
      throw error(source, "", "expected a YAML mapping with pipeline, dataset, models and algorithms");
    }
    List<Algorithm> algorithms = algorithms(root.path("algorithms"), source);
    Dataset dataset = dataset(root.path("dataset"), source);
    for (int i = 0; i < algorithms.size(); i++) {
      if (algorithms.get(i).kind().readsContexts() && dataset.contexts() == null) {
        throw error(source, "dataset.context_key", "missing: " + algorithms.get(i).name() + " (algorithms[" + i
            + "]) reads the retrieved contexts; say where they are in a record (a list of texts, or a text with context_delimiter)");
      }
    }
    return new EvaluationConfig(root.path("pipeline").path("name").asText("llmops-eval"), dataset,
        models(root.path("models"), source), algorithms, selection(root.path("selection"), algorithms, source),
        pairwise(root.path("pairwise"), source), statistics(root.path("statistics"), source));
  }

  /** The models to score: the one named by --model, else every model of the config. */
  public List<Model> selectModels(String requested) {
    if (requested == null) {
      if (models.isEmpty()) {
        throw new IllegalArgumentException("the config lists no models: name the model whose outputs the dataset holds with --model");
      }
      return models;
    }
    if (models.isEmpty()) {
      return List.of(new Model(checkedModelName(requested, "--model"), null, null));
    }
    return models.stream().filter(m -> m.name().equals(requested)).findFirst().map(List::of).orElseThrow(() ->
        new IllegalArgumentException("--model " + requested + " is not in the config's models (" + models.stream().map(Model::name).toList() + ")"));
  }

  /** The semantic robustness algorithms, which call the evaluated models with perturbed inputs. */
  public List<Algorithm> robustness() {
    return algorithms.stream().filter(Algorithm::isRobustness).toList();
  }

  /** Whether an algorithm calls a model of its own (a toxicity detector, a judge), or a pairwise judge compares the models. */
  public boolean callsOtherModels() {
    return pairwise != null || algorithms.stream().anyMatch(a -> a.caller() != null);
  }

  /** Robustness perturbs the inputs a model is called with: a model whose answers are in the dataset cannot be perturbed. */
  public void checkRobustnessModels(List<Model> scored) {
    List<String> notCalled = scored.stream().filter(m -> !m.isCalled()).map(Model::name).toList();
    if (!robustness().isEmpty() && !notCalled.isEmpty()) {
      throw new IllegalArgumentException(robustness().get(0).name() + " calls each model with perturbed inputs, but " + notCalled
          + " answer from the dataset (model_output_key): give them a model_provider and endpoint, or score them in another run");
    }
  }

  /** Where the answer of a model that is not called is: its own {@code model_output_key}, else the dataset's. */
  public String modelOutputOf(Model model) {
    String location = model.modelOutput() != null ? model.modelOutput() : dataset.modelOutput();
    if (location == null) {
      throw new IllegalArgumentException("dataset.model_output_key is not set (nor models[].model_output_key for " + model.name()
          + "): say where the model's answers are in the dataset, or set the model's model_provider and endpoint to call it");
    }
    return location;
  }

  public Optional<Algorithm> algorithm(String name) {
    return algorithms.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  private static Dataset dataset(JsonNode node, String source) {
    if (!node.isObject()) {
      throw error(source, "dataset", "missing: give at least dataset_name, model_input_key and target_output_key");
    }
    unknownKeys(node, DATASET_KEYS, source, "dataset");
    String name = text(node, "dataset_name", source, "dataset", true);
    if (name.contains("#")) {
      throw error(source, "dataset.dataset_name", "must not contain '#' (it separates the parts of DynamoDB keys)");
    }
    String mime = Optional.ofNullable(text(node, "dataset_mime_type", source, "dataset", false)).orElse("auto");
    if (!Set.of("jsonlines", "application/jsonlines", "parquet", "auto").contains(mime)) {
      throw error(source, "dataset.dataset_mime_type", "must be jsonlines or parquet (got '" + mime + "')");
    }
    return new Dataset(name,
        either(node, "input_data_location", "dataset_uri", source, false),
        mime,
        location(node, "model_input", source, true),
        location(node, "target_output", source, true),
        location(node, "model_output", source, false),
        location(node, "category", source, false),
        location(node, "record_id", source, false),
        location(node, "context", source, false),
        contextDelimiter(node, source));
  }

  private static String contextDelimiter(JsonNode node, String source) {
    // Read as it is: a delimiter of white space alone ("\n\n") is a good one.
    JsonNode value = node.get("context_delimiter");
    if (value != null && !value.isNull() && !value.isTextual()) {
      throw error(source, "dataset.context_delimiter", "must be a string");
    }
    String delimiter = value == null || value.isNull() ? null : value.asText();
    if (delimiter != null && delimiter.isEmpty()) {
      throw error(source, "dataset.context_delimiter", "is empty: give the text between two contexts, or leave it out for one context");
    }
    if (delimiter != null && !node.has("context_key") && !node.has("context_location")) {
      throw error(source, "dataset.context_delimiter", "is given without context_key");
    }
    return delimiter;
  }

  /** The pairwise section: a judge model entry, the criterion, and the intervals' level (default 0.95). */
  private static Pairwise pairwise(JsonNode node, String source) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw error(source, "pairwise", "must be a mapping: judge, criteria, level");
    }
    unknownKeys(node, Set.of("judge", "criteria", "level"), source, "pairwise");
    ModelEndpoint judge = caller(node.get("judge"), source, "pairwise.judge");
    String criteria = text(node, "criteria", source, "pairwise", true);
    JsonNode level = node.path("level");
    if (!level.isMissingNode() && (!level.isNumber() || level.asDouble() <= 0 || level.asDouble() >= 1)) {
      throw error(source, "pairwise.level", "must be a number between 0 and 1, e.g. 0.95 (got " + level + ")");
    }
    return new Pairwise(judge, criteria, level.isMissingNode() ? 0.95 : level.asDouble());
  }

  private static List<Model> models(JsonNode node, String source) {
    List<Model> models = new ArrayList<>();
    if (node.isMissingNode() || node.isNull()) {
      return models;
    }
    if (!node.isArray()) {
      throw error(source, "models", "must be a list");
    }
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String key = "models[" + i + "]";
      unknownKeys(node.get(i), MODEL_KEYS, source, key);
      String name = checkedModelName(text(node.get(i), "name", source, key, true), source + ": " + key + ".name");
      if (!names.add(name)) {
        throw error(source, key + ".name", "'" + name + "' appears twice");
      }
      String output = node.get(i).has("model_output_key") ? compiled(text(node.get(i), "model_output_key", source, key, true), source, key + ".model_output_key") : null;
      ModelEndpoint endpoint = ModelEndpoint.parse(node.get(i), source, key);
      if (output != null && endpoint != null) {
        throw error(source, key + ".model_output_key", "and model_provider both given: take the answers from the dataset or call the model, not both");
      }
      models.add(new Model(name, output, endpoint));
    }
    return models;
  }

  private static List<Algorithm> algorithms(JsonNode node, String source) {
    if (!node.isArray() || node.isEmpty()) {
      throw error(source, "algorithms", "missing or empty: list at least one of " + EvalAlgorithm.evalNames());
    }
    List<Algorithm> algorithms = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String key = "algorithms[" + i + "]";
      JsonNode spec = node.get(i);
      unknownKeys(spec, ALGORITHM_KEYS, source, key);
      String written = text(spec, "algorithm", source, key, true);
      String name = EvalAlgorithm.parse(written).map(EvalAlgorithm::evalName).orElseThrow(() -> error(source, key + ".algorithm",
          "unknown algorithm '" + written + "' (known: " + EvalAlgorithm.evalNames() + " or fmeval's class names "
              + EvalAlgorithm.fmevalClasses() + ")"));
      if (algorithms.stream().anyMatch(a -> a.name().equals(name))) {
        throw error(source, key + ".algorithm", name + " is listed twice");
      }
      String delimiter = spec.has("target_output_delimiter") && spec.get("target_output_delimiter").isNull() ? null
          : Optional.ofNullable(text(spec, "target_output_delimiter", source, key, false)).orElse("<OR>");
      if (delimiter != null && delimiter.isEmpty()) {
        throw error(source, key + ".target_output_delimiter", "is empty: give a non-empty string, or null for a single target");
      }
      String operator = Optional.ofNullable(text(spec, "logical_operator", source, key, false)).orElse("OR");
      if (!operator.equals("OR") && !operator.equals("AND")) {
        throw error(source, key + ".logical_operator", "must be OR or AND (got '" + operator + "')");
      }
      if (spec.has("logical_operator") && !name.equals("factual_knowledge")) {
        throw error(source, key + ".logical_operator", "only factual_knowledge has a logical operator");
      }
      String average = Optional.ofNullable(text(spec, "multiclass_average_strategy", source, key, false)).orElse("micro");
      if (!average.equals("micro")) {
        throw error(source, key + ".multiclass_average_strategy", "only micro (fmeval's default) is computed (got '" + average + "')");
      }
      List<String> labels = null;
      if (spec.has("valid_labels")) {
        if (!name.equals("classification_accuracy")) {
          throw error(source, key + ".valid_labels", "only classification_accuracy has valid labels");
        }
        if (!spec.get("valid_labels").isArray() || spec.get("valid_labels").isEmpty()) {
          throw error(source, key + ".valid_labels", "must be a non-empty list of labels");
        }
        labels = new ArrayList<>();
        for (JsonNode label : spec.get("valid_labels")) {
          labels.add(label.asText());
        }
      }
      boolean robustness = EvalAlgorithm.named(name).isRobustness();
      for (String k : PERTURBATION_KEYS) {
        if (spec.has(k) && !robustness) {
          throw error(source, key + "." + k, "only the semantic robustness algorithms perturb inputs");
        }
      }
      requireOnlyFor(spec, "detector", name.equals("toxicity"), source, key);
      EvalAlgorithm kind = EvalAlgorithm.named(name);
      requireOnlyFor(spec, "judge", kind.isJudged(), source, key);
      requireOnlyFor(spec, "rubric", name.equals("llm_judge"), source, key);
      if (spec.has("toxic_label") && !name.equals("toxicity")) {
        throw error(source, key + ".toxic_label", "only toxicity has a toxic label");
      }
      SemanticPerturbation perturbation = robustness ? perturbation(spec, source, key) : null;
      ModelEndpoint caller = name.equals("toxicity") ? caller(spec.get("detector"), source, key + ".detector")
          : kind.isJudged() ? caller(spec.get("judge"), source, key + ".judge") : null;
      String toxicLabel = name.equals("toxicity") ? Optional.ofNullable(text(spec, "toxic_label", source, key, false)).orElse(Toxicity.DEFAULT_TOXIC_LABEL) : null;
      JudgeRubric rubric = name.equals("llm_judge") ? rubric(spec.get("rubric"), source, key + ".rubric") : null;
      boolean embeds = kind == EvalAlgorithm.SEMANTIC_SIMILARITY || kind == EvalAlgorithm.RAG_SIMILARITY || kind == EvalAlgorithm.ANSWER_RELEVANCY;
      if (spec.has("embedding_model") && !embeds) {
        throw error(source, key + ".embedding_model", "only semantic_similarity, rag_similarity and answer_relevancy embed texts");
      }
      SentenceModel embeddingModel = embeds ? embeddingModel(spec, source, key) : null;
      Integer questions = null;
      if (kind == EvalAlgorithm.ANSWER_RELEVANCY) {
        JsonNode count = spec.path("questions");
        if (!count.isMissingNode() && (!count.canConvertToExactIntegral() || count.asInt() < 1 || count.asInt() > 10)) {
          throw error(source, key + ".questions", "must be a whole number from 1 to 10 (got " + count + ")");
        }
        questions = count.isMissingNode() ? DEFAULT_GENERATED_QUESTIONS : count.asInt();
      } else if (spec.has("questions")) {
        throw error(source, key + ".questions", "only answer_relevancy generates questions");
      }
      algorithms.add(new Algorithm(name, delimiter, operator, labels, perturbation, caller, toxicLabel, rubric, embeddingModel, questions));
    }
    return algorithms;
  }

  private static void requireOnlyFor(JsonNode spec, String name, boolean applies, String source, String key) {
    if (applies && !spec.has(name)) {
      throw error(source, key + "." + name, "missing");
    }
    if (!applies && spec.has(name)) {
      throw error(source, key + "." + name, "does not apply to this algorithm");
    }
  }

  /** The sentence model semantic similarity embeds with: FP32 all-MiniLM-L6-v2 unless the int8 one is named. */
  private static SentenceModel embeddingModel(JsonNode spec, String source, String key) {
    String option = Optional.ofNullable(text(spec, "embedding_model", source, key, false)).orElse(SentenceModel.DEFAULT.option);
    return SentenceModel.find(option).orElseThrow(() ->
        error(source, key + ".embedding_model", "must be one of " + SentenceModel.options() + " (got '" + option + "')"));
  }

  /** fmeval's perturbation settings, each defaulting to fmeval's default. */
  private static SemanticPerturbation perturbation(JsonNode spec, String source, String key) {
    String type = Optional.ofNullable(text(spec, "perturbation_type", source, key, false)).orElse(SemanticPerturbation.BUTTER_FINGER);
    if (!SemanticPerturbation.TYPES.contains(type)) {
      throw error(source, key + ".perturbation_type", "must be one of " + SemanticPerturbation.TYPES + " (got '" + type + "')");
    }
    SemanticPerturbation d = SemanticPerturbation.fmevalDefaults(type);
    try {
      return new SemanticPerturbation(type, spec.path("num_perturbations").asInt(d.numPerturbations()),
          spec.path("butter_finger_perturbation_prob").asDouble(d.butterFingerPerturbationProb()),
          spec.path("random_uppercase_corrupt_proportion").asDouble(d.randomUppercaseCorruptProportion()),
          spec.path("whitespace_remove_prob").asDouble(d.whitespaceRemoveProb()),
          spec.path("whitespace_add_prob").asDouble(d.whitespaceAddProb()), d.seed());
    } catch (IllegalArgumentException e) {
      throw error(source, key, e.getMessage());
    }
  }

  /** The model an algorithm calls: a model entry of its own (model_provider, endpoint, ...), always called. */
  private static ModelEndpoint caller(JsonNode node, String source, String key) {
    if (node == null || !node.isObject() || !node.has("model_provider")) {
      throw error(source, key, "must be a mapping with model_provider and its endpoint settings, as a model entry");
    }
    unknownKeys(node, ModelEndpoint.ACCEPTED_KEYS, source, key);
    return ModelEndpoint.parse(node, source, key);
  }

  private static JudgeRubric rubric(JsonNode node, String source, String key) {
    if (!node.isObject()) {
      throw error(source, key, "must be a mapping: name, criteria, and a scale (min and max) or labels (worst first)");
    }
    unknownKeys(node, Set.of("name", "criteria", "min", "max", "labels"), source, key);
    String name = text(node, "name", source, key, true);
    String criteria = text(node, "criteria", source, key, true);
    try {
      if (node.has("labels")) {
        List<String> labels = new ArrayList<>();
        node.get("labels").forEach(l -> labels.add(l.asText()));
        return JudgeRubric.labelled(name, criteria, labels);
      }
      return JudgeRubric.numeric(name, criteria, node.path("min").asInt(1), node.path("max").asInt(5));
    } catch (IllegalArgumentException e) {
      throw error(source, key, e.getMessage());
    }
  }

  private static Selection selection(JsonNode node, List<Algorithm> algorithms, String source) {
    List<String> scores = algorithms.stream().flatMap(a -> a.kind().scores().stream()).toList();
    if (node.isMissingNode() || node.isNull()) {
      return new Selection(scores.get(0), 1, 0, 0);
    }
    unknownKeys(node, Set.of("quality_score", "weights"), source, "selection");
    String quality = Optional.ofNullable(text(node, "quality_score", source, "selection", false)).orElse(scores.get(0));
    if (!scores.contains(quality)) {
      throw error(source, "selection.quality_score", "'" + quality + "' is not a score of the configured algorithms (" + scores + ")");
    }
    JsonNode weights = node.path("weights");
    if (!weights.isMissingNode()) {
      unknownKeys(weights, Set.of("quality", "latency", "cost"), source, "selection.weights");
    }
    double[] w = new double[3];
    String[] names = {"quality", "latency", "cost"};
    for (int i = 0; i < 3; i++) {
      JsonNode value = weights.get(names[i]);
      if (value != null && (!value.isNumber() || value.asDouble() < 0)) {
        throw error(source, "selection.weights." + names[i], "must be a number >= 0 (got " + value + ")");
      }
      w[i] = value == null ? (i == 0 ? 1 : 0) : value.asDouble();
    }
    if (w[0] + w[1] + w[2] == 0) {
      throw error(source, "selection.weights", "are all 0: give at least one a positive weight");
    }
    return new Selection(quality, w[0], w[1], w[2]);
  }

  private static Statistics statistics(JsonNode node, String source) {
    if (node.isMissingNode() || node.isNull()) {
      return Statistics.DEFAULT;
    }
    unknownKeys(node, Set.of("bootstrap_replicates", "confidence", "seed"), source, "statistics");
    JsonNode replicates = node.get("bootstrap_replicates");
    if (replicates != null && (!replicates.canConvertToInt() || !replicates.isIntegralNumber() || replicates.asInt() < 0
        || replicates.asInt() > Statistics.MAX_REPLICATES)) {
      throw error(source, "statistics.bootstrap_replicates", "must be a whole number from 0 (no intervals) to "
          + Statistics.MAX_REPLICATES + " (got " + replicates + ")");
    }
    JsonNode confidence = node.get("confidence");
    if (confidence != null && (!confidence.isNumber() || !(confidence.asDouble() > 0 && confidence.asDouble() < 1))) {
      throw error(source, "statistics.confidence", "must be a number between 0 and 1, e.g. 0.95 (got " + confidence + ")");
    }
    JsonNode seed = node.get("seed");
    if (seed != null && !(seed.isIntegralNumber() && seed.canConvertToLong())) {
      throw error(source, "statistics.seed", "must be a whole number (got " + seed + ")");
    }
    Statistics defaults = Statistics.DEFAULT;
    return new Statistics(replicates == null ? defaults.bootstrapReplicates() : replicates.asInt(),
        confidence == null ? defaults.confidence() : confidence.asDouble(), seed == null ? defaults.seed() : seed.asLong());
  }

  /** The AWS sample's {@code <field>_key} or fmeval's {@code <field>_location}, checked to be a JMESPath expression. */
  private static String location(JsonNode node, String field, String source, boolean required) {
    String expression = either(node, field + "_key", field + "_location", source, required);
    return expression == null ? null : compiled(expression, source, "dataset." + field + "_key");
  }

  private static String compiled(String expression, String source, String key) {
    try {
      JMESPATH.compile(expression);
      return expression;
    } catch (ParseException e) {
      throw error(source, key, "'" + expression + "' is not a JMESPath expression: " + e.getMessage());
    }
  }

  private static String either(JsonNode node, String name, String alias, String source, boolean required) {
    if (node.has(name) && node.has(alias)) {
      throw error(source, "dataset." + name, "given twice, also as " + alias + ": keep one");
    }
    String value = text(node, node.has(alias) ? alias : name, source, "dataset", false);
    if (value == null && required) {
      throw error(source, "dataset." + name, "missing");
    }
    return value;
  }

  private static String checkedModelName(String name, String where) {
    if (name.contains("#") || name.isBlank()) {
      throw new IllegalArgumentException(where + ": a model name must be non-blank and must not contain '#' (got '" + name + "')");
    }
    return name;
  }
}
