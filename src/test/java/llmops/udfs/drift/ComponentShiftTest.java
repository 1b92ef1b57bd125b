package llmops.udfs.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ComponentShiftTest {
  private static final int DIM = 10;
  /** Standard deviations along the coordinate axes: the principal axes are e0, e1, ... in this order. */
  private static final double[] SPREAD = {10, 8, 6, 5, 4, 3, 2.5, 2, 1.5, 1};

  private static double[] sample(int n, long seed, int shiftedAxis, double shift) {
    Random random = new Random(seed);
    double[] rows = new double[n * DIM];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < DIM; j++) {
        rows[i * DIM + j] = SPREAD[j] * random.nextGaussian() + (j == shiftedAxis ? shift : 0);
      }
    }
    return rows;
  }

  @Test
  void aResampleRarelyMovesAnyComponent() {
    int drifted = 0;
    int tested = 0;
    for (long seed = 0; seed < 10; seed++) {
      ComponentShift.Result r = ComponentShift.of(sample(1000, seed, -1, 0), 1000, sample(1000, 100 + seed, -1, 0), 1000, DIM, DIM, 0.05);
      drifted += r.drifted();
      tested += r.tested();
    }
    // Ten resamples, each at a family-wise 5 %: at most one is expected to call any component drifted;
    // three or more has a probability below 1.2 %.
    assertTrue(drifted < 3, drifted + " of " + tested + " components drifted in resamples");
  }

  @Test
  void aShiftAlongOneAxisMovesThatComponentOnly() {
    ComponentShift.Result r = ComponentShift.of(sample(2000, 1, -1, 0), 2000, sample(2000, 2, 2, 3.0), 2000, DIM, DIM, 0.001);
    assertTrue(r.components().get(2).drifted(), "the third axis (std-dev 6) moved by half a deviation");
    assertEquals(1, r.drifted());
    assertEquals(0.1, r.share(), 1e-12);
  }

  /**
   * Where the dimension is a sizeable fraction of the sample (384-dimensional embeddings, a few
   * thousand vectors), a sample's own leading axes are those along which that sample happens to
   * spread most: projected on axes fitted to the baseline alone, the baseline looks wider than any
   * fresh draw (Marchenko-Pastur: here about twice the variance), and KS calls that drift. Axes
   * fitted to both samples pooled treat them alike, so with no drift each component's test keeps its level.
   */
  @Test
  void aFreshDrawInManyDimensionsMovesNoComponent() {
    int dim = 200;
    int n = 1000;
    Random random = new Random(5);
    double[] baseline = new double[n * dim];
    double[] snapshot = new double[n * dim];
    for (int i = 0; i < baseline.length; i++) {
      baseline[i] = random.nextGaussian();
      snapshot[i] = random.nextGaussian();
    }
    ComponentShift.Result r = ComponentShift.of(baseline, n, snapshot, n, dim, 50, 0.01);
    assertEquals(50, r.tested());
    // At a family-wise 1 %, any drifted component is a 1-in-100 event.
    assertEquals(0, r.drifted(), "drifted components: " + r.components().stream().filter(ComponentShift.Component::drifted).toList());
  }
}
