package dev.twelvefactor.cli.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;

/**
 * The saturation curve as a PNG, drawn with the JDK alone (java.awt on an image, no
 * window: it works headless): goodput above, p99 of the accepted orders below, the number
 * of clients on a shared log2 axis, one colour per curve (this run first, then the one
 * compared with) and each curve's 90%-of-peak line dashed, so that a fall past the knee
 * shows at a glance.
 */
final class SaturationChart {

	static final int WIDTH = 1000;

	static final int HEIGHT = 760;

	private static final List<Color> COLOURS = List.of(new Color(0x1F77B4), new Color(0xD95F02), new Color(0x1B9E77));

	private static final Color INK = new Color(0x333333);

	private static final Color GRID = new Color(0xE3E3E3);

	private static final Rectangle GOODPUT = new Rectangle(90, 125, WIDTH - 120, 250);

	private static final Rectangle LATENCY = new Rectangle(90, 435, WIDTH - 120, 250);

	private final String title;

	private final List<String> subtitle;

	private final List<SaturationCurve> curves;

	private final int maxClients;

	private final ChartAxis goodput;

	private final ChartAxis latency;

	/** {@code curves}: this run first, drawn on top, then what it is compared with. */
	SaturationChart(String title, List<String> subtitle, List<SaturationCurve> curves) {
		if (curves.isEmpty() || curves.size() > COLOURS.size()) {
			throw new IllegalArgumentException("1 to " + COLOURS.size() + " curves, not " + curves.size());
		}
		this.title = title;
		this.subtitle = List.copyOf(subtitle);
		this.curves = List.copyOf(curves);
		this.maxClients = Math.max(2, values(SaturationPoint::clients).mapToInt(v -> (int) v).max().orElse(2));
		this.goodput = ChartAxis.linearFromZero(values(SaturationPoint::goodputPerSecond).max().orElse(0));
		this.latency = ChartAxis.logarithmic(values(SaturationPoint::p99).filter(v -> v > 0).min().orElse(1),
				values(SaturationPoint::p99).max().orElse(1000));
	}

	static Color colour(int curve) {
		return COLOURS.get(curve);
	}

	/** Where a goodput point is drawn (the centre of its marker). */
	Point goodputAt(int clients, double perSecond) {
		return at(GOODPUT, goodput, clients, perSecond);
	}

	/** Where a p99 point is drawn. */
	Point latencyAt(int clients, double millis) {
		return at(LATENCY, latency, clients, millis);
	}

	void write(Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		if (!ImageIO.write(render(), "png", file.toFile())) {
			throw new IOException("This JDK has no PNG writer");
		}
	}

	BufferedImage render() {
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, WIDTH, HEIGHT);
			g.setColor(INK);
			g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
			g.drawString(title, GOODPUT.x, 30);
			for (int i = 0; i < subtitle.size() && i < 2; i++) {
				text(g, subtitle.get(i), GOODPUT.x, 52 + 18 * i, Font.PLAIN, 12);
			}
			legend(g);
			panel(g, GOODPUT, goodput, "Goodput: orders accepted (201/202) per second", false);
			panel(g, LATENCY, latency, "p99 latency of the accepted orders (log scale)", true);
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
			String axisTitle = "N: concurrent order creators, closed loop (log2 scale)";
			g.drawString(axisTitle, GOODPUT.x + (GOODPUT.width - g.getFontMetrics().stringWidth(axisTitle)) / 2,
					LATENCY.y + LATENCY.height + 45);
			// Backwards, so that this run is drawn over the one it is compared with.
			for (int i = curves.size() - 1; i >= 0; i--) {
				SaturationCurve curve = curves.get(i);
				g.setColor(colour(i));
				double peak = curve.points().stream().mapToDouble(SaturationPoint::goodputPerSecond).max().orElse(0);
				if (peak > 0) {
					int y = goodputAt(1, SaturationKnee.TARGET * peak).y;
					g.setStroke(dashed());
					g.drawLine(GOODPUT.x, y, GOODPUT.x + GOODPUT.width, y);
				}
				series(g, curve, SaturationPoint::goodputPerSecond, GOODPUT, goodput);
				series(g, curve, SaturationPoint::p99, LATENCY, latency);
			}
		}
		finally {
			g.dispose();
		}
		return image;
	}

	private void legend(Graphics2D g) {
		String target = (curves.size() == 1 ? "90% of the peak" : "90% of each peak") + " (the target past the knee)";
		StringBuilder all = new StringBuilder();
		curves.forEach(curve -> all.append("—— ").append(curve.label()).append("    "));
		all.append("- - - ").append(target);
		Font font = fitting(g, all.toString(), Font.PLAIN, 12);
		g.setFont(font);
		int x = GOODPUT.x;
		for (int i = 0; i < curves.size(); i++) {
			g.setColor(colour(i));
			g.setStroke(new BasicStroke(2.5f));
			g.drawLine(x, 92, x + 22, 92);
			g.fillOval(x + 7, 88, 8, 8);
			g.setColor(INK);
			g.drawString(curves.get(i).label(), x + 28, 96);
			x += 28 + g.getFontMetrics().stringWidth(curves.get(i).label() + "    ");
		}
		g.setStroke(dashed());
		g.drawLine(x, 92, x + 22, 92);
		g.drawString(target, x + 28, 96);
	}

	private void panel(Graphics2D g, Rectangle panel, ChartAxis axis, String heading, boolean millis) {
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
		g.setStroke(new BasicStroke(1f));
		for (double tick : axis.ticks()) {
			int y = at(panel, axis, 1, tick).y;
			g.setColor(GRID);
			g.drawLine(panel.x, y, panel.x + panel.width, y);
			g.setColor(INK);
			String label = millis ? ChartAxis.millis(tick) : ChartAxis.plain(tick);
			g.drawString(label, panel.x - 8 - g.getFontMetrics().stringWidth(label), y + 4);
		}
		for (int clients = 1; clients <= maxClients; clients *= 2) {
			int x = at(panel, axis, clients, axis.low()).x;
			g.setColor(GRID);
			g.drawLine(x, panel.y, x, panel.y + panel.height);
			g.setColor(INK);
			String label = String.valueOf(clients);
			g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, panel.y + panel.height + 16);
		}
		g.drawRect(panel.x, panel.y, panel.width, panel.height);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
		g.drawString(heading, panel.x, panel.y - 8);
	}

	/** A line through the points that have a value (none: no accepted order there). */
	private void series(Graphics2D g, SaturationCurve curve, ToDoubleFunction<SaturationPoint> value, Rectangle panel,
			ChartAxis axis) {
		Path2D line = new Path2D.Double();
		boolean drawing = false;
		for (SaturationPoint point : curve.points()) {
			double v = value.applyAsDouble(point);
			if (!axis.plots(v)) {
				drawing = false;
				continue;
			}
			Point p = at(panel, axis, point.clients(), v);
			if (drawing) {
				line.lineTo(p.x, p.y);
			}
			else {
				line.moveTo(p.x, p.y);
				drawing = true;
			}
		}
		g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
		g.draw(line);
		for (SaturationPoint point : curve.points()) {
			double v = value.applyAsDouble(point);
			if (axis.plots(v)) {
				Point p = at(panel, axis, point.clients(), v);
				g.fillOval(p.x - 5, p.y - 5, 11, 11);
			}
		}
	}

	private Point at(Rectangle panel, ChartAxis axis, int clients, double value) {
		// Half a step of room at both ends, so that the first and last markers are whole.
		double x = (Math.log(clients) / Math.log(2) + 0.5) / (Math.log(maxClients) / Math.log(2) + 1);
		double y = Math.clamp(axis.fraction(value), 0, 1);
		return new Point((int) Math.round(panel.x + x * panel.width),
				(int) Math.round(panel.y + panel.height - y * panel.height));
	}

	private DoubleStream values(ToDoubleFunction<SaturationPoint> value) {
		return curves.stream().flatMap(curve -> curve.points().stream()).mapToDouble(value).filter(Double::isFinite);
	}

	private static Stroke dashed() {
		return new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] { 6f, 5f }, 0f);
	}

	/** Shrinks the font until the line fits the width, down to 9 points. */
	private static Font fitting(Graphics2D g, String line, int style, int size) {
		Font font = new Font(Font.SANS_SERIF, style, size);
		while (size > 9 && g.getFontMetrics(font).stringWidth(line) > GOODPUT.width) {
			font = new Font(Font.SANS_SERIF, style, --size);
		}
		return font;
	}

	private static void text(Graphics2D g, String line, int x, int y, int style, int size) {
		g.setFont(fitting(g, line, style, size));
		g.drawString(line, x, y);
	}

}
