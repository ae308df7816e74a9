package dev.twelvefactor.cli.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table with padded columns, readable as plain text in a terminal and rendered
 * on GitHub alike.
 */
final class MarkdownTable {

	private final List<String> header;

	private final List<List<String>> rows = new ArrayList<>();

	MarkdownTable(String... header) {
		this.header = List.of(header);
	}

	MarkdownTable row(Object... cells) {
		if (cells.length != header.size()) {
			throw new IllegalArgumentException("Expected " + header.size() + " cells, got " + cells.length);
		}
		List<String> row = new ArrayList<>();
		for (Object cell : cells) {
			row.add(String.valueOf(cell).replace("|", "\\|"));
		}
		rows.add(row);
		return this;
	}

	String render() {
		int[] widths = new int[header.size()];
		for (List<String> line : allLines()) {
			for (int i = 0; i < widths.length; i++) {
				widths[i] = Math.max(Math.max(widths[i], line.get(i).length()), 3);
			}
		}
		StringBuilder text = new StringBuilder();
		appendLine(text, header, widths);
		List<String> rule = new ArrayList<>();
		for (int width : widths) {
			rule.add("-".repeat(width));
		}
		appendLine(text, rule, widths);
		rows.forEach(row -> appendLine(text, row, widths));
		return text.toString();
	}

	private List<List<String>> allLines() {
		List<List<String>> lines = new ArrayList<>(rows);
		lines.add(header);
		return lines;
	}

	private static void appendLine(StringBuilder text, List<String> cells, int[] widths) {
		text.append('|');
		for (int i = 0; i < widths.length; i++) {
			text.append(' ').append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length())).append(" |");
		}
		text.append(System.lineSeparator());
	}

}
