package llmops.udfs.vectors;

import java.math.BigDecimal;

/**
 * Formats doubles as Python's {@code repr(float)} does ({@code 0.1}, {@code 1e-05}, {@code 1.5e+16}),
 * so items written in the AWS sample's schema read exactly as its notebooks expect.
 */
public final class PythonFloat {
  private PythonFloat() {}

  public static String repr(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0.0" : "0.0";
    }
    // Double.toString gives the shortest digits that round-trip; only the layout differs from Python.
    BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    String digits = d.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - d.scale(); // decimal exponent of the first digit
    String sign = v < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 16) {
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
    String plain = d.abs().toPlainString();
    return sign + (plain.contains(".") ? plain : plain + ".0");
  }

  /** Python's {@code str(list_of_ints)}: {@code [11, 19]}. */
  public static String intList(long[] values) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(values[i]);
    }
    return sb.append(']').toString();
  }
}
