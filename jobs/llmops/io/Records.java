package llmops.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Typed run records to their two outputs, a DynamoDB item and a JSON summary line, and back from
 * an item: one Jackson mapping, so a record's component names ({@code inertiaPerPoint} as
 * {@code inertia_per_point}) are its attribute and key names in both.
 *
 * <p>DynamoDB has no NaN, so an undefined statistic (a {@code double} that is NaN) is stored as
 * null and read back as NaN; a boxed {@code Double} left out of a record ({@code null}, e.g. a rule's
 * {@code below} when it has an {@code above}) stays absent. Unknown attributes fail the read: a
 * renamed key is an error, not a silently missing value.
 */
public final class Records {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .addModule(new SimpleModule("llmops-records")
          .addDeserializer(Double.class, new NaNForNull(null))
          .addDeserializer(double.class, new NaNForNull(Double.NaN)))
      .build();

  private Records() {}

  /** The JSON text of a record (or of plain values): a job's summary line. */
  public static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not serialisable as JSON", e);
    }
  }

  /** A record as a JSON tree, its components in declaration order, to add a store's or the summary's own keys to. */
  public static ObjectNode toTree(Object record) {
    return MAPPER.valueToTree(record);
  }

  /**
   * The record a tree (an item's, see {@link #itemTree}) holds. It must have every attribute the
   * record writes and no other: Jackson alone would give a missing number 0 and a missing flag false.
   */
  public static <T> T read(JsonNode tree, Class<T> type) {
    T record;
    try {
      record = MAPPER.treeToValue(tree, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored " + type.getSimpleName() + " does not have the expected attributes: " + e.getOriginalMessage(), e);
    }
    List<String> missing = new ArrayList<>();
    missing("", MAPPER.valueToTree(record), tree, missing);
    if (!missing.isEmpty()) {
      throw new IllegalStateException("a stored " + type.getSimpleName() + " lacks the attributes " + missing);
    }
    return record;
  }

  /** The paths that {@code written} has and {@code read} lacks. */
  private static void missing(String path, JsonNode written, JsonNode read, List<String> out) {
    if (written.isObject() && read.isObject()) {
      written.fields().forEachRemaining(field -> {
        String at = path + "/" + field.getKey();
        if (!read.has(field.getKey())) {
          out.add(at);
        } else {
          missing(at, field.getValue(), read.get(field.getKey()), out);
        }
      });
    } else if (written.isArray() && read.isArray()) {
      for (int i = 0; i < Math.min(written.size(), read.size()); i++) {
        missing(path + "/" + i, written.get(i), read.get(i), out);
      }
    }
  }

  /** A tree as a DynamoDB item: objects as maps, arrays as lists, binary as B, NaN and infinities as null. */
  public static Map<String, AttributeValue> toItem(ObjectNode tree) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    tree.fields().forEachRemaining(field -> item.put(field.getKey(), attribute(field.getValue())));
    return item;
  }

  /** An item as a tree that {@link #read} turns into a record: numbers as decimals, binary as binary. */
  public static ObjectNode itemTree(Map<String, AttributeValue> item) {
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    item.forEach((name, value) -> tree.set(name, node(value)));
    return tree;
  }

  private static AttributeValue attribute(JsonNode node) {
    switch (node.getNodeType()) {
      case NULL:
      case MISSING:
        return AttributeValue.fromNul(true);
      case STRING:
        return AttributeValue.fromS(node.textValue());
      case BOOLEAN:
        return AttributeValue.fromBool(node.booleanValue());
      case BINARY:
        try {
          return AttributeValue.fromB(SdkBytes.fromByteArray(node.binaryValue()));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      case NUMBER:
        return Items.toAttribute(node.numberValue());
      case OBJECT: {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> m.put(field.getKey(), attribute(field.getValue())));
        return AttributeValue.fromM(m);
      }
      case ARRAY: {
        List<AttributeValue> l = new ArrayList<>();
        node.forEach(element -> l.add(attribute(element)));
        return AttributeValue.fromL(l);
      }
      default:
        throw new IllegalArgumentException("no DynamoDB form for a JSON " + node.getNodeType());
    }
  }

  private static JsonNode node(AttributeValue value) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    switch (value.type()) {
      case S: return nodes.textNode(value.s());
      case N: return nodes.numberNode(new BigDecimal(value.n()));
      case BOOL: return nodes.booleanNode(value.bool());
      case NUL: return nodes.nullNode();
      case B: return nodes.binaryNode(value.b().asByteArray());
      case M: return itemTree(value.m());
      case L: {
        var array = nodes.arrayNode();
        value.l().forEach(element -> array.add(node(element)));
        return array;
      }
      default: throw new IllegalArgumentException("no record form for a " + value.type() + " attribute");
    }
  }

  /**
   * A stored null is an undefined statistic (NaN). An absent value is a left-out optional one (null)
   * for a {@code Double}; a {@code double} cannot be left out, and {@link #read} reports it missing.
   */
  private static final class NaNForNull extends StdDeserializer<Double> {
    private final Double absent;

    NaNForNull(Double absent) {
      super(Double.class);
      this.absent = absent;
    }

    @Override
    public Double deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      // The summary line writes NaN as the string "NaN"; getValueAsDouble reads it and numbers alike.
      return parser.getValueAsDouble(Double.NaN);
    }

    @Override
    public Double getNullValue(DeserializationContext context) {
      return Double.NaN;
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
      return absent;
    }
  }
}
