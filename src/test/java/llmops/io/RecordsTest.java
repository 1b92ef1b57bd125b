package llmops.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import llmops.distance.DistanceRunRecord;
import llmops.drift.DriftRunRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The one mapping of typed records to items and summary lines: what it does with undefined, absent and unknown values. */
class RecordsTest {
  /** A cluster no prompt came near: its distance statistics are undefined. */
  private static final DistanceRunRecord.Statistics EMPTY_CLUSTER =
      new DistanceRunRecord.Statistics(3, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  @Test
  void anUndefinedStatisticIsStoredAsNullAndReadBackAsNaN() {
    Map<String, AttributeValue> item = Records.toItem(Records.toTree(EMPTY_CLUSTER));
    assertTrue(item.get("mean").nul(), "DynamoDB has no NaN");
    assertEquals("0", item.get("count").n());
    DistanceRunRecord.Statistics read = Records.read(Records.itemTree(item), DistanceRunRecord.Statistics.class);
    assertTrue(Double.isNaN(read.p99()));
    assertEquals(EMPTY_CLUSTER, read);
  }

  @Test
  void theSummaryLineWritesAnUndefinedStatisticAsTheStringNaN() {
    assertTrue(Records.json(EMPTY_CLUSTER).contains("\"mean\":\"NaN\""), Records.json(EMPTY_CLUSTER));
  }

  @Test
  void aLeftOutOptionalValueStaysAbsentWhileAnUndefinedOneIsStored() {
    // A rule with a threshold above has no "below"; its p-value was computed but undefined.
    DriftRunRecord.Check check = new DriftRunRecord.Check("domain_classifier_auc", 0.5, 0.55, null, Double.NaN, 0.01, false, true);
    Map<String, AttributeValue> item = Records.toItem(Records.toTree(check));
    assertFalse(item.containsKey("below"));
    assertTrue(item.get("p_value").nul());
    assertEquals(List.of("statistic", "value", "above", "p_value", "significant_below", "crossed", "decides"), List.copyOf(item.keySet()));
    DriftRunRecord.Check read = Records.read(Records.itemTree(item), DriftRunRecord.Check.class);
    assertNull(read.below());
    assertTrue(read.pValue().isNaN());
  }

  @Test
  void anAttributeTheRecordDoesNotHaveFailsTheReadNamingIt() {
    ObjectNode tree = Records.toTree(EMPTY_CLUSTER);
    tree.put("p999", 1.0);
    IllegalStateException failure = assertThrows(IllegalStateException.class,
        () -> Records.read(tree, DistanceRunRecord.Statistics.class));
    assertTrue(failure.getMessage().contains("\"p999\""), failure.getMessage());
  }

  @Test
  void aMissingNumberOrFlagFailsTheReadInsteadOfBecomingZeroOrFalse() {
    ObjectNode tree = Records.toTree(new DriftRunRecord.Check("psi", 0.1, 0.2, null, null, null, false, true));
    tree.remove(List.of("value", "crossed"));
    IllegalStateException failure = assertThrows(IllegalStateException.class, () -> Records.read(tree, DriftRunRecord.Check.class));
    assertEquals("a stored Check lacks the attributes [/value, /crossed]", failure.getMessage());
  }
}
