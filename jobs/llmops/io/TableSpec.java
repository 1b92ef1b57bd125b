package llmops.io;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** A DynamoDB table's keys and local secondary indexes: what the jobs create locally and check on AWS. */
public record TableSpec(String name, Key hash, Key range, List<Index> localIndexes) {
  public record Key(String name, ScalarAttributeType type) {}

  /** A local secondary index: same partition key, another sort key, all attributes projected. */
  public record Index(String name, Key range) {}

  public TableSpec {
    if (!isValidName(name)) {
      throw new IllegalArgumentException("'" + name + "' is not a valid DynamoDB table name (3-255 of letters, digits, _ . -)");
    }
  }

  /** DynamoDB's rule for table names. */
  public static boolean isValidName(String name) {
    return name.matches("[A-Za-z0-9_.-]{3,255}");
  }

  public static Key string(String name) {
    return new Key(name, ScalarAttributeType.S);
  }

  public static Key number(String name) {
    return new Key(name, ScalarAttributeType.N);
  }

  public String keyDescription() {
    return "(" + hash.name() + " " + hash.type() + ", " + range.name() + " " + range.type() + ")";
  }
}
