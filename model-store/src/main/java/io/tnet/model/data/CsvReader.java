package io.tnet.model.data;

import io.tnet.model.Shape;
import java.io.BufferedReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reader for numeric CSV datasets (one sample per line, comma-separated, gzip recognised by its magic
 * bytes): every column is a feature except the label column, which holds an integer class index.
 * Blank lines are skipped; a first line that does not parse as numbers is taken as a header.
 */
public final class CsvReader {

    private CsvReader() {
    }

    /**
     * Reads {@code file}.
     *
     * @param labelColumn index of the label column; negative counts from the end ({@code -1} = last)
     * @param classes     number of classes (labels must lie in {@code [0, classes)})
     */
    public static Dataset read(Path file, String name, int labelColumn, int classes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, name, labelColumn, classes);
        }
    }

    public static Dataset read(InputStream raw, String name, int labelColumn, int classes) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(buffered) : buffered;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int columns = -1;
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (columns < 0) {
                columns = cells.length;
                if (columns < 2) {
                    throw new IOException(name + ": line " + lineNo + " has fewer than two columns");
                }
                if (!isNumber(cells[0].trim())) {
                    continue; // header
                }
            } else if (cells.length != columns) {
                throw new IOException(name + ": line " + lineNo + " has " + cells.length + " columns, expected " + columns);
            }
            int lc = labelColumn < 0 ? columns + labelColumn : labelColumn;
            if (lc < 0 || lc >= columns) {
                throw new IOException(name + ": label column " + labelColumn + " outside " + columns + " columns");
            }
            float[] row = new float[columns - 1];
            int k = 0;
            for (int c = 0; c < columns; c++) {
                String cell = cells[c].trim();
                try {
                    if (c == lc) {
                        labels.add((int) Double.parseDouble(cell));
                    } else {
                        row[k++] = Float.parseFloat(cell);
                    }
                } catch (NumberFormatException e) {
                    throw new IOException(name + ": line " + lineNo + " column " + (c + 1) + ": not a number: '" + cell + "'");
                }
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IOException(name + ": no data rows");
        }
        int d = columns - 1;
        float[] x = new float[rows.size() * d];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, x, i * d, d);
        }
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        try {
            return new Dataset(name, Shape.of(d), x, y, classes);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
