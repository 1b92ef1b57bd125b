package llmops.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Arrays;
import llmops.udfs.vectors.Float32Codec;

/**
 * A vector stored as float32 little-endian bytes (a centroid's centre, a run's mean): binary in an
 * item, compared by value, so a record holding one is equal to itself read back.
 */
@JsonSerialize(using = Float32Vector.Bytes.class)
@JsonDeserialize(using = Float32Vector.FromBytes.class)
public record Float32Vector(double[] values) {
  /** Rounded to float32 now, as storing it would, so a stored vector equals the one written. */
  public static Float32Vector of(double[] values) {
    return new Float32Vector(Float32Codec.decode(Float32Codec.encode(values)));
  }

  public int dim() {
    return values.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Float32Vector v && Arrays.equals(values, v.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Float32Vector" + Arrays.toString(values);
  }

  static final class Bytes extends StdSerializer<Float32Vector> {
    Bytes() {
      super(Float32Vector.class);
    }

    @Override
    public void serialize(Float32Vector vector, JsonGenerator out, SerializerProvider provider) throws IOException {
      out.writeBinary(Float32Codec.encode(vector.values()));
    }
  }

  static final class FromBytes extends StdDeserializer<Float32Vector> {
    FromBytes() {
      super(Float32Vector.class);
    }

    @Override
    public Float32Vector deserialize(JsonParser in, DeserializationContext context) throws IOException {
      return new Float32Vector(Float32Codec.decode(in.getBinaryValue()));
    }
  }
}
