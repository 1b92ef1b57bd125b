package llmops.io;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Plain Java values (maps, lists, numbers, strings, booleans, bytes) to DynamoDB attributes and
 * back: the seed schema's few attributes, the numbers of {@link Records}' items, and the results
 * command's items of any schema. Jobs' own runs are typed records ({@link Records}).
 */
public final class Items {
  private Items() {}

  public static AttributeValue toAttribute(Object value) {
    if (value == null) {
      return AttributeValue.fromNul(true);
    }
    if (value instanceof String s) {
      return AttributeValue.fromS(s);
    }
    if (value instanceof Boolean b) {
      return AttributeValue.fromBool(b);
    }
    if (value instanceof Double d && !Double.isFinite(d)) {
      return AttributeValue.fromNul(true); // DynamoDB has no NaN; "not defined" is null
    }
    if (value instanceof Float f && !Float.isFinite(f)) {
      return AttributeValue.fromNul(true);
    }
    if (value instanceof Number n) {
      return AttributeValue.fromN(number(n));
    }
    if (value instanceof byte[] bytes) {
      return AttributeValue.fromB(SdkBytes.fromByteArray(bytes));
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, AttributeValue> m = new LinkedHashMap<>();
      map.forEach((k, v) -> m.put(String.valueOf(k), toAttribute(v)));
      return AttributeValue.fromM(m);
    }
    if (value instanceof Iterable<?> list) {
      List<AttributeValue> l = new ArrayList<>();
      list.forEach(v -> l.add(toAttribute(v)));
      return AttributeValue.fromL(l);
    }
    if (value instanceof double[] array) {
      List<AttributeValue> l = new ArrayList<>();
      for (double v : array) {
        l.add(toAttribute(v));
      }
      return AttributeValue.fromL(l);
    }
    if (value instanceof long[] array) {
      List<AttributeValue> l = new ArrayList<>();
      for (long v : array) {
        l.add(toAttribute(v));
      }
      return AttributeValue.fromL(l);
    }
    throw new IllegalArgumentException("no DynamoDB form for a " + value.getClass().getName());
  }

  public static Map<String, AttributeValue> toItem(Map<String, ?> values) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    values.forEach((k, v) -> item.put(k, toAttribute(v)));
    return item;
  }

  /** DynamoDB numbers as plain decimals: exact for longs, shortest round-trip digits for doubles. */
  public static String number(Number n) {
    if (n instanceof Double || n instanceof Float) {
      return new BigDecimal(Double.toString(n.doubleValue())).stripTrailingZeros().toString();
    }
    return n.toString();
  }

  /** An attribute as a plain Java value: numbers as BigDecimal, binary as byte[]. */
  public static Object fromAttribute(AttributeValue a) {
    switch (a.type()) {
      case S: return a.s();
      case N: return new BigDecimal(a.n());
      case BOOL: return a.bool();
      case NUL: return null;
      case B: return a.b().asByteArray();
      case M: {
        Map<String, Object> m = new LinkedHashMap<>();
        a.m().forEach((k, v) -> m.put(k, fromAttribute(v)));
        return m;
      }
      case L: return a.l().stream().map(Items::fromAttribute).toList();
      case SS: return a.ss();
      case NS: return a.ns().stream().map(BigDecimal::new).toList();
      default: throw new IllegalArgumentException("unsupported attribute type " + a.type());
    }
  }
}
