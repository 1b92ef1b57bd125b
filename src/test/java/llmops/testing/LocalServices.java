package llmops.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real local stand-ins for AWS that the tests talk to, each its own process on loopback,
 * started once per test JVM and stopped when it exits: DynamoDB Local and S3Mock (their jars are
 * fetched by the build into target/local-services, see scripts/local-services/pom.xml), moto's
 * server for the AWS control-plane APIs (from the pinned aws-tools virtual environment), and a
 * one-node YARN cluster for the integration tests ({@link #yarn()}).
 */
public final class LocalServices {
  public static final String BUCKET = "llmops-test";
  /** Buckets S3A is told to encrypt, by the tests of server-side encryption. */
  public static final String SSE_KMS_BUCKET = "llmops-test-sse-kms";
  public static final String SSE_S3_BUCKET = "llmops-test-sse-s3";
  /** The one KMS key S3Mock knows (it refuses SSE-KMS with any other), by its id; its ARN is registered. */
  public static final String KMS_KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
  /** Where the build puts the services' jars (scripts/local-services/pom.xml); tests run from the project directory. */
  private static final Path DIR = Path.of("target", "local-services");
  private static URI dynamoDb;
  private static URI s3;
  private static URI s3Tls;
  private static MotoServer moto;
  private static MiniYarn yarn;

  private LocalServices() {}

  public static synchronized URI dynamoDb() throws IOException, InterruptedException {
    if (dynamoDb == null) {
      int port = freePort();
      List<String> command = List.of(java(), "-Xmx512m", "-cp", DIR.resolve("dynamodb-local") + File.separator + "*",
          "software.amazon.dynamodb.services.local.main.ServerRunner", "-inMemory", "-port", Integer.toString(port));
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      // Any HTTP answer (DynamoDB Local says 400 to a bare GET) means it is serving.
      start("dynamodb-local", command, endpoint, status -> status > 0);
      dynamoDb = endpoint;
    }
    return dynamoDb;
  }

  /** An SDK client for the local DynamoDB, for tests that read what a job wrote. */
  public static DynamoDbClient dynamoDbClient() throws IOException, InterruptedException {
    return DynamoDbClient.builder().endpointOverride(dynamoDb()).region(Region.US_EAST_1)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
  }

  public static synchronized URI s3() throws IOException, InterruptedException {
    if (s3 == null) {
      int port = freePort();
      int tlsPort = freePort();
      Path root = Files.createTempDirectory("s3mock");
      List<String> command = List.of(java(), "-Xmx512m", "-jar", DIR.resolve("s3mock/s3mock-exec.jar").toString(),
          "--com.adobe.testing.s3mock.httpPort=" + port,
          "--server.port=" + tlsPort,
          "--com.adobe.testing.s3mock.store.initialBuckets=" + String.join(",", BUCKET, SSE_KMS_BUCKET, SSE_S3_BUCKET),
          "--com.adobe.testing.s3mock.store.root=" + root,
          "--com.adobe.testing.s3mock.domain.valid-kms-keys=arn:aws:kms:us-east-1:123456789012:key/" + KMS_KEY_ID,
          "--com.adobe.testing.s3mock.store.retainFilesOnExit=false",
          "--spring.main.banner-mode=off");
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      start("s3mock", command, endpoint.resolve("/" + BUCKET), status -> status == 200);
      s3 = endpoint;
      s3Tls = URI.create("https://localhost:" + tlsPort);
    }
    return s3;
  }

  /**
   * S3Mock over TLS, with its self-signed certificate for localhost. The AWS SDK that S3A uses
   * refuses to send SSE-KMS requests over plain HTTP, so those tests need this one.
   */
  public static URI s3Tls() throws IOException, InterruptedException {
    s3();
    return s3Tls;
  }

  /** A trust store (JKS, password "password") holding S3Mock's certificate, for a JVM that talks to {@link #s3Tls()}. */
  public static synchronized Path s3TrustStore() throws Exception {
    Path trustStore = Path.of("target", "s3mock-truststore.jks");
    if (!Files.exists(trustStore)) {
      char[] password = "password".toCharArray();
      KeyStore s3MockKeys = KeyStore.getInstance("JKS");
      try (ZipFile jar = new ZipFile(DIR.resolve("s3mock/s3mock-exec.jar").toFile());
          InputStream in = jar.getInputStream(jar.getEntry("BOOT-INF/classes/s3mock.jks"))) {
        s3MockKeys.load(in, password);
      }
      KeyStore trusted = KeyStore.getInstance("JKS");
      trusted.load(null, password);
      trusted.setCertificateEntry("s3mock", s3MockKeys.getCertificate(s3MockKeys.aliases().nextElement()));
      try (OutputStream out = Files.newOutputStream(trustStore)) {
        trusted.store(out, password);
      }
    }
    return trustStore;
  }

  /**
   * moto's server (EMR, EMR Serverless, Glue, IAM, ... on one endpoint) with its run-control port,
   * src/test/python/moto_with_run_control.py: the runs it holds end only when a test says how.
   */
  public static synchronized MotoServer moto() throws IOException, InterruptedException {
    if (moto == null) {
      int port = freePort();
      int controlPort = freePort();
      List<String> command = List.of(pythonTool("aws-tools", "python").toString(),
          Path.of("src", "test", "python", "moto_with_run_control.py").toString(),
          "--port", Integer.toString(port), "--control-port", Integer.toString(controlPort));
      MotoServer started = new MotoServer(URI.create("http://127.0.0.1:" + port), URI.create("http://127.0.0.1:" + controlPort));
      start("moto", command, started.control().resolve("/runs"), status -> status == 200);
      moto = started;
    }
    return moto;
  }

  /** A one-node YARN cluster to spark-submit to in cluster mode, as an EMR step does (integration tests only: see {@link MiniYarn}). */
  public static synchronized MiniYarn yarn() throws IOException, InterruptedException {
    if (yarn == null) {
      yarn = MiniYarn.start();
    }
    return yarn;
  }

  /** A program of the cached virtual environment of scripts/requirements/ENV.txt, which is built first if it does not exist. */
  public static Path pythonTool(String environment, String program) throws IOException, InterruptedException {
    Processes.Result venv = Processes.run("scripts/lib/python-venv.sh", environment);
    if (venv.exitCode() != 0) {
      throw new IllegalStateException("scripts/lib/python-venv.sh " + environment + " failed:\n" + venv.stderr());
    }
    return Path.of(venv.stdout().strip(), "bin", program);
  }

  private interface Ready {
    boolean at(int httpStatus);
  }

  private static void start(String name, List<String> command, URI probe, Ready ready) throws IOException, InterruptedException {
    Path log = Path.of("target", name + ".log");
    Files.createDirectories(log.getParent());
    Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail(log));
      }
      try {
        int status = http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).GET().build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
        if (ready.at(status)) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    process.destroy();
    throw new IllegalStateException(name + " did not answer at " + probe + " within 90 s:\n" + tail(log));
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
