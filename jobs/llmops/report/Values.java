package llmops.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Reading the nested maps of a DynamoDB item (as {@code Items.fromItem} gives them) by path, absent parts as null. */
final class Values {
  private Values() {}

  /** The value at {@code path} ("comparison/proportions/psi"), or null when any part is missing. */
  static Object at(Map<String, Object> item, String path) {
    Object value = item;
    for (String key : path.split("/")) {
      if (!(value instanceof Map<?, ?> map)) {
        return null;
      }
      value = map.get(key);
    }
    return value;
  }

  /** A number at the path; null when absent (DynamoDB has no NaN: an undefined statistic is stored as null). */
  static Double number(Map<String, Object> item, String path) {
    return at(item, path) instanceof BigDecimal n ? n.doubleValue() : null;
  }

  static String text(Map<String, Object> item, String path) {
    Object value = at(item, path);
    return value == null ? null : value.toString();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> item, String path) {
    return at(item, path) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Map<String, Object> item, String path) {
    return at(item, path) instanceof List<?> l ? (List<Object>) l : List.of();
  }

  /** A list of numbers (e.g. cluster shares), nulls kept. */
  static List<Double> numbers(Map<String, Object> item, String path) {
    return list(item, path).stream().map(v -> v instanceof BigDecimal n ? n.doubleValue() : null).toList();
  }
}
