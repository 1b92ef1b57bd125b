package llmops.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real local stand-ins for AWS that the tests talk to, each its own process on loopback,
 * started once per test JVM and stopped when it exits: DynamoDB Local and S3Mock. Their jars are
 * fetched by the build into target/local-services (see scripts/local-services/pom.xml).
 */
public final class LocalServices {
  public static final String BUCKET = "llmops-test";
  private static final Path DIR = Path.of(System.getProperty("llmops.services.dir", "target/local-services"));
  private static URI dynamoDb;
  private static URI s3;

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
      Path root = Files.createTempDirectory("s3mock");
      List<String> command = List.of(java(), "-Xmx512m", "-jar", DIR.resolve("s3mock/s3mock-exec.jar").toString(),
          "--com.adobe.testing.s3mock.httpPort=" + port,
          "--server.port=" + freePort(),
          "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET,
          "--com.adobe.testing.s3mock.store.root=" + root,
          "--com.adobe.testing.s3mock.store.retainFilesOnExit=false",
          "--spring.main.banner-mode=off");
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      start("s3mock", command, endpoint.resolve("/" + BUCKET), status -> status == 200);
      s3 = endpoint;
    }
    return s3;
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
