package llmops.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The report's charts, drawn with JFreeChart to PNG images. Every chart is a category chart (runs,
 * clusters, models or categories along x) with a title and both axes named with their unit: the
 * {@link Axis} record will not make an axis without one.
 */
final class Charts {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 380;
  /** More categories than this and their labels are turned to fit. */
  private static final int UPRIGHT_LABELS = 6;
  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
      new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

  private Charts() {}

  /** An axis' name and the unit its values are in ("count", "%", "ms", "Euclidean distance", ...). */
  record Axis(String name, String unit) {
    Axis {
      if (name.isBlank() || unit.isBlank()) {
        throw new IllegalArgumentException("a chart axis needs a name and a unit");
      }
    }

    String label() {
      return name + " (" + unit + ")";
    }
  }

  /** A drawn chart: its title (the image's alternative text) and the PNG. */
  record Chart(String title, Axis x, Axis y, byte[] png) {}

  /** A horizontal line across the plot, e.g. a rule's threshold. */
  record Threshold(double value, String label) {}

  /**
   * Values per series (the legend) and category (along x), in the order given; a null value is a gap.
   * Each series' list has one value per category.
   */
  record Series(List<String> categories, Map<String, List<Double>> values) {
    Series {
      for (Map.Entry<String, List<Double>> s : values.entrySet()) {
        if (s.getValue().size() != categories.size()) {
          throw new IllegalArgumentException("series '" + s.getKey() + "' has " + s.getValue().size() + " values for "
              + categories.size() + " categories");
        }
      }
    }
  }

  /** Values over runs (or anything ordered): lines with a marker at each value. */
  static Chart lines(String title, Axis x, Axis y, Series series) {
    LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
    for (int s = 0; s < series.values().size(); s++) {
      renderer.setSeriesStroke(s, new BasicStroke(2f));
    }
    return draw(title, x, y, series, renderer, null);
  }

  /** An interval around a bar's value (e.g. a bootstrap interval of a mean), drawn as an error bar. */
  record Range(double low, double high) {}

  /** Values side by side per category: grouped bars, with an optional threshold line. */
  static Chart bars(String title, Axis x, Axis y, Series series, Threshold threshold) {
    return draw(title, x, y, series, barRenderer(new BarRenderer()), threshold);
  }

  /**
   * Grouped bars with an error bar on each bar that has a range: {@code ranges} has, per series, one
   * range (or null: no error bar) per category, as {@code series} has values.
   */
  static Chart barsWithRanges(String title, Axis x, Axis y, Series series, Map<String, List<Range>> ranges) {
    return draw(title, x, y, series, barRenderer(new ErrorBarRenderer(ranges)), null);
  }

  private static BarRenderer barRenderer(BarRenderer renderer) {
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setItemMargin(0.05);
    renderer.setMaximumBarWidth(0.08);
    return renderer;
  }

  /** A bar renderer that draws each bar's range over it: a vertical line from low to high with caps. */
  private static final class ErrorBarRenderer extends BarRenderer {
    private static final long serialVersionUID = 1L;
    private final transient Map<String, List<Range>> ranges;

    ErrorBarRenderer(Map<String, List<Range>> ranges) {
      this.ranges = ranges;
    }

    @Override
    public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot, CategoryAxis domainAxis,
        ValueAxis rangeAxis, CategoryDataset dataset, int row, int column, int pass) {
      super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
      List<Range> seriesRanges = ranges.get((String) dataset.getRowKey(row));
      Range range = seriesRanges == null ? null : seriesRanges.get(column);
      int visibleRow = state.getVisibleSeriesIndex(row);
      if (range == null || Double.isNaN(range.low()) || Double.isNaN(range.high()) || visibleRow < 0) {
        return;
      }
      double x = calculateBarW0(plot, plot.getOrientation(), dataArea, domainAxis, state, visibleRow, column) + state.getBarWidth() / 2;
      double low = rangeAxis.valueToJava2D(range.low(), dataArea, plot.getRangeAxisEdge());
      double high = rangeAxis.valueToJava2D(range.high(), dataArea, plot.getRangeAxisEdge());
      double cap = Math.min(6, state.getBarWidth() / 3);
      g2.setPaint(Color.BLACK);
      g2.setStroke(new BasicStroke(1.5f));
      g2.draw(new Line2D.Double(x, low, x, high));
      g2.draw(new Line2D.Double(x - cap, low, x + cap, low));
      g2.draw(new Line2D.Double(x - cap, high, x + cap, high));
    }
  }

  private static Chart draw(String title, Axis x, Axis y, Series series, CategoryItemRenderer renderer, Threshold threshold) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    series.values().forEach((name, values) -> {
      for (int c = 0; c < values.size(); c++) {
        data.addValue(values.get(c), name, series.categories().get(c));
      }
    });
    for (int s = 0; s < series.values().size(); s++) {
      renderer.setSeriesPaint(s, PALETTE[s % PALETTE.length]);
    }
    CategoryAxis xAxis = new CategoryAxis(x.label());
    if (series.categories().size() > UPRIGHT_LABELS) {
      xAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    xAxis.setMaximumCategoryLabelLines(2);
    NumberAxis yAxis = new NumberAxis(y.label());
    // From zero, so that a small change does not look like a large one (and a constant series has a range).
    yAxis.setAutoRangeIncludesZero(true);
    if (series.values().values().stream().flatMap(List::stream).allMatch(v -> v == null || v == Math.rint(v))) {
      yAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }
    CategoryPlot plot = new CategoryPlot(data, xAxis, yAxis, renderer);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    plot.setOutlineVisible(false);
    if (threshold != null) {
      ValueMarker marker = new ValueMarker(threshold.value(), new Color(0xd62728), new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
          BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
      marker.setLabel(threshold.label());
      marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
      marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
      plot.addRangeMarker(marker);
      // Keep the line in view when every value is below it.
      plot.getRangeAxis().setUpperBound(Math.max(plot.getRangeAxis().getUpperBound(), threshold.value() * 1.15));
    }
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, series.values().size() > 1);
    chart.setBackgroundPaint(Color.WHITE);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException("drawing the chart '" + title + "'", e);
    }
    return new Chart(title, x, y, png.toByteArray());
  }
}
