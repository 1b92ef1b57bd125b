package llmops.embed;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import llmops.io.TextInput;
import llmops.udfs.embeddings.LongText;
import llmops.udfs.embeddings.SentenceEmbedder;
import llmops.udfs.embeddings.SentenceModel;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The texts as embedding rows: the texts are spread over every core (one big file would otherwise
 * be one task), and each task prepares its texts (long ones truncated or chunked) and hands them to
 * the JVM's one instance of the model a window at a time; the model sorts each window by token count
 * and runs it in batches of {@code batchSize} similar lengths, so padding to the longest text of a
 * batch costs little, and the rows keep the partition's order.
 */
final class Embeddings {
  static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("id", DataTypes.StringType, false),
      DataTypes.createStructField("source_id", DataTypes.StringType, false),
      DataTypes.createStructField("chunk", DataTypes.IntegerType, false),
      DataTypes.createStructField("truncated", DataTypes.BooleanType, false),
      DataTypes.createStructField("text", DataTypes.StringType, false),
      DataTypes.createStructField("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), false),
      DataTypes.createStructField("model", DataTypes.StringType, false),
      DataTypes.createStructField("dimension", DataTypes.IntegerType, false)));

  /** Batches per sorted window: enough texts that each batch finds neighbours of its length, few enough to stay small in memory. */
  static final int WINDOW_BATCHES = 16;

  private Embeddings() {}

  static Dataset<Row> of(SparkSession spark, JavaRDD<TextInput.Batch> batches, long texts, SentenceModel sentenceModel, int batchSize,
      int maxTokens, LongText longTexts) {
    int partitions = (int) Math.max(1, Math.min(4L * spark.sparkContext().defaultParallelism(), texts / batchSize));
    JavaRDD<String[]> idAndText = batches.flatMap(b -> {
      List<String[]> pairs = new ArrayList<>(b.texts().size());
      for (int i = 0; i < b.texts().size(); i++) {
        pairs.add(new String[] {b.ids().get(i), b.texts().get(i)});
      }
      return pairs.iterator();
    }).repartition(partitions);
    JavaRDD<Row> rows = idAndText.mapPartitions((Iterator<String[]> it) -> {
      SentenceEmbedder model = SentenceEmbedder.shared(sentenceModel);
      List<Row> out = new ArrayList<>();
      List<String[]> pending = new ArrayList<>(); // {id, source id, chunk, truncated, text}
      while (it.hasNext()) {
        String[] record = it.next();
        String id = record[0];
        String text = record[1];
        List<String> pieces = longTexts.pieces(text, maxTokens, model::tokens);
        boolean cut = longTexts == LongText.TRUNCATE && !pieces.get(0).equals(text);
        for (int c = 0; c < pieces.size(); c++) {
          String pieceId = pieces.size() == 1 ? id : id + "#" + c;
          pending.add(new String[] {pieceId, id, Integer.toString(c), Boolean.toString(cut), pieces.get(c)});
          if (pending.size() == batchSize * WINDOW_BATCHES) {
            embed(model, pending, batchSize, out);
          }
        }
      }
      embed(model, pending, batchSize, out);
      return out.iterator();
    });
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static void embed(SentenceEmbedder model, List<String[]> pending, int batchSize, List<Row> out) {
    if (pending.isEmpty()) {
      return;
    }
    float[][] vectors = model.embed(pending.stream().map(p -> p[4]).toList(), batchSize);
    for (int i = 0; i < vectors.length; i++) {
      String[] p = pending.get(i);
      Float[] boxed = new Float[vectors[i].length];
      for (int j = 0; j < boxed.length; j++) {
        boxed[j] = vectors[i][j];
      }
      out.add(RowFactory.create(p[0], p[1], Integer.parseInt(p[2]), Boolean.parseBoolean(p[3]), p[4], boxed,
          model.model().displayName, vectors[i].length));
    }
    pending.clear();
  }
}
