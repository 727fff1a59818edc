package io.polder.engine.duckdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Makes a Parquet file that DuckDB writes into one whose footer DuckDB's {@code parquet_metadata} cannot read but its
 * reader can: the footer's old {@code max} statistic of a BIGINT column (Parquet's deprecated field, which DuckDB
 * writes beside {@code max_value}) is made one byte short. {@code parquet_metadata} converts every statistic and
 * fails ("Incorrect stats size for type BIGINT"); the reader takes {@code max_value} and reads the file as before.
 */
final class OddFooter {
    private static final int TAIL = 8; // the footer's length (4 bytes, little-endian) and the magic PAR1

    private OddFooter() {
    }

    /** Shortens the deprecated maximum statistic of the BIGINT column whose largest value is {@code maximum}. */
    static void shortenDeprecatedMaximum(Path file, long maximum) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            int footerLength = ByteBuffer.wrap(bytes, bytes.length - TAIL, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            int footerStart = bytes.length - TAIL - footerLength;
            // Thrift's compact protocol writes a binary field as its length (a varint: 8) and its bytes
            byte[] statistic = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).put((byte) 8).putLong(maximum).array();
            List<Integer> found = occurrences(bytes, statistic, footerStart, bytes.length - TAIL);
            if (found.size() != 2) {
                throw new IllegalStateException(file + ": expected the maximum " + maximum + " twice in the footer"
                        + " (max and max_value, in that order), found it " + found.size() + " times");
            }
            int at = found.getFirst();
            ByteArrayOutputStream odd = new ByteArrayOutputStream(bytes.length - 1);
            odd.write(bytes, 0, at);
            odd.write(7);
            odd.write(bytes, at + 1, 7);
            odd.write(bytes, at + statistic.length, bytes.length - TAIL - at - statistic.length);
            odd.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footerLength - 1).array());
            odd.write(bytes, bytes.length - 4, 4);
            Files.write(file, odd.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Integer> occurrences(byte[] bytes, byte[] pattern, int from, int to) {
        List<Integer> found = new ArrayList<>();
        for (int at = from; at + pattern.length <= to; at++) {
            if (Arrays.equals(bytes, at, at + pattern.length, pattern, 0, pattern.length)) {
                found.add(at);
            }
        }
        return found;
    }
}
