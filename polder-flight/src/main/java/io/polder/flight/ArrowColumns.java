package io.polder.flight;

import io.polder.gateway.ResultColumn;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.flight.sql.FlightSqlColumnMetadata;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * DuckDB's result types as Arrow types, and the values DuckDB's JDBC driver returns written into Arrow vectors.
 *
 * <table>
 * <tr><th>DuckDB</th><th>Arrow</th></tr>
 * <tr><td>BIGINT, INTEGER, SMALLINT, TINYINT</td><td>Int(64, 32, 16, 8)</td></tr>
 * <tr><td>UINTEGER, USMALLINT, UTINYINT</td><td>the next wider signed Int</td></tr>
 * <tr><td>DOUBLE, FLOAT</td><td>FloatingPoint(DOUBLE, SINGLE)</td></tr>
 * <tr><td>DECIMAL(p,s)</td><td>Decimal(p, s, 128)</td></tr>
 * <tr><td>VARCHAR</td><td>Utf8</td></tr>
 * <tr><td>BOOLEAN</td><td>Bool</td></tr>
 * <tr><td>DATE</td><td>Date(DAY)</td></tr>
 * <tr><td>TIMESTAMP (and _S, _MS, _NS)</td><td>Timestamp(MICROSECOND)</td></tr>
 * <tr><td>TIMESTAMP WITH TIME ZONE</td><td>Timestamp(MICROSECOND, "UTC")</td></tr>
 * <tr><td>TIME</td><td>Time(MICROSECOND, 64)</td></tr>
 * <tr><td>BLOB</td><td>Binary</td></tr>
 * <tr><td>anything else (HUGEINT, UBIGINT, INTERVAL, UUID, LIST, STRUCT, MAP, ...)</td><td>Utf8: the value's text</td></tr>
 * </table>
 *
 * Every field carries DuckDB's type name as its Flight SQL type name, so a JDBC client's result set metadata
 * shows {@code DECIMAL(12,2)} or {@code TIMESTAMP WITH TIME ZONE} rather than the Arrow type alone.
 */
final class ArrowColumns {
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");
    private static final ArrowType TEXT = ArrowType.Utf8.INSTANCE;

    private ArrowColumns() {
    }

    static Schema schema(List<ResultColumn> columns) {
        List<Field> fields = new ArrayList<>(columns.size());
        for (ResultColumn column : columns) {
            fields.add(field(column));
        }
        return new Schema(fields);
    }

    static Field field(ResultColumn column) {
        ArrowType type = arrowType(column.type());
        FlightSqlColumnMetadata.Builder metadata = new FlightSqlColumnMetadata.Builder().typeName(column.type())
                .isReadOnly(true).isAutoIncrement(false).isCaseSensitive(type == TEXT);
        if (type instanceof ArrowType.Decimal decimal) {
            metadata.precision(decimal.getPrecision()).scale(decimal.getScale());
        }
        return new Field(column.name(), new FieldType(true, type, null, metadata.build().getMetadataMap()), null);
    }

    /** The Arrow type of a DuckDB type name as DuckDB's JDBC driver reports it. */
    static ArrowType arrowType(String duckdbType) {
        String type = duckdbType.strip().toUpperCase(Locale.ROOT);
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            int precision = Integer.parseInt(decimal.group(1));
            int scale = Integer.parseInt(decimal.group(2));
            return precision >= 1 && precision <= 38 && scale <= precision ? new ArrowType.Decimal(precision, scale, 128) : TEXT;
        }
        return switch (type) {
            case "BIGINT", "INT8", "LONG", "UINTEGER" -> new ArrowType.Int(64, true);
            case "INTEGER", "INT4", "INT", "SIGNED", "USMALLINT" -> new ArrowType.Int(32, true);
            case "SMALLINT", "INT2", "SHORT", "UTINYINT" -> new ArrowType.Int(16, true);
            case "TINYINT", "INT1" -> new ArrowType.Int(8, true);
            case "DOUBLE", "FLOAT8" -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case "FLOAT", "FLOAT4", "REAL" -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case "BOOLEAN", "BOOL", "LOGICAL" -> ArrowType.Bool.INSTANCE;
            case "DATE" -> new ArrowType.Date(DateUnit.DAY);
            case "TIMESTAMP", "DATETIME", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS" ->
                    new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
            case "TIME" -> new ArrowType.Time(TimeUnit.MICROSECOND, 64);
            case "BLOB", "BYTEA", "BINARY", "VARBINARY" -> ArrowType.Binary.INSTANCE;
            default -> TEXT;
        };
    }

    /** Writes one column's values into its vector. */
    interface Writer {
        /** Writes {@code value} (null for NULL) at {@code index}; returns about how many bytes it took. */
        int write(int index, Object value);
    }

    static Writer writer(FieldVector vector) {
        return switch (vector) {
            case BigIntVector v -> nullable(v, 8, (i, value) -> v.setSafe(i, ((Number) value).longValue()));
            case IntVector v -> nullable(v, 4, (i, value) -> v.setSafe(i, ((Number) value).intValue()));
            case SmallIntVector v -> nullable(v, 2, (i, value) -> v.setSafe(i, ((Number) value).shortValue()));
            case TinyIntVector v -> nullable(v, 1, (i, value) -> v.setSafe(i, ((Number) value).byteValue()));
            case Float8Vector v -> nullable(v, 8, (i, value) -> v.setSafe(i, ((Number) value).doubleValue()));
            case Float4Vector v -> nullable(v, 4, (i, value) -> v.setSafe(i, ((Number) value).floatValue()));
            case BitVector v -> nullable(v, 1, (i, value) -> v.setSafe(i, (Boolean) value ? 1 : 0));
            case DecimalVector v -> nullable(v, 16, (i, value) -> v.setSafe(i, decimal(value, v.getScale())));
            case DateDayVector v -> nullable(v, 4, (i, value) -> v.setSafe(i, Math.toIntExact(date(value).toEpochDay())));
            case TimeStampMicroTZVector v -> nullable(v, 8, (i, value) -> v.setSafe(i, micros(instant(value))));
            case TimeStampMicroVector v -> nullable(v, 8, (i, value) -> v.setSafe(i, micros(local(value).toInstant(ZoneOffset.UTC))));
            case TimeMicroVector v -> nullable(v, 8, (i, value) -> v.setSafe(i, time(value).toNanoOfDay() / 1_000));
            case VarBinaryVector v -> (i, value) -> {
                if (value == null) {
                    v.setNull(i);
                    return 1;
                }
                byte[] bytes = bytes(value);
                v.setSafe(i, bytes);
                return bytes.length + 4;
            };
            case VarCharVector v -> (i, value) -> {
                if (value == null) {
                    v.setNull(i);
                    return 1;
                }
                byte[] bytes = text(value).getBytes(StandardCharsets.UTF_8);
                v.setSafe(i, bytes);
                return bytes.length + 4;
            };
            default -> throw new IllegalStateException("no writer for the Arrow vector " + vector.getClass().getSimpleName());
        };
    }

    /** Sets a non-null value of a fixed-width vector. */
    private interface Setter {
        void set(int index, Object value);
    }

    private static Writer nullable(FieldVector vector, int width, Setter setter) {
        return (index, value) -> {
            if (value == null) {
                vector.setNull(index);
            } else {
                setter.set(index, value);
            }
            return width;
        };
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
    }

    private static BigDecimal decimal(Object value, int scale) {
        // DuckDB returns the column's own scale; a value with fewer digits is padded, never rounded
        return decimal(value).setScale(scale, RoundingMode.UNNECESSARY);
    }

    private static LocalDate date(Object value) {
        return switch (value) {
            case LocalDate date -> date;
            case java.sql.Date date -> date.toLocalDate();
            case LocalDateTime dateTime -> dateTime.toLocalDate();
            default -> LocalDate.parse(value.toString());
        };
    }

    private static LocalDateTime local(Object value) {
        return switch (value) {
            case LocalDateTime dateTime -> dateTime;
            case java.sql.Timestamp timestamp -> timestamp.toLocalDateTime();
            case LocalDate date -> date.atStartOfDay();
            default -> LocalDateTime.parse(value.toString().replace(' ', 'T'));
        };
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case OffsetDateTime dateTime -> dateTime.toInstant();
            case ZonedDateTime dateTime -> dateTime.toInstant();
            case Instant instant -> instant;
            case java.sql.Timestamp timestamp -> timestamp.toInstant();
            default -> OffsetDateTime.parse(value.toString()).toInstant();
        };
    }

    private static LocalTime time(Object value) {
        return switch (value) {
            case LocalTime time -> time;
            case java.sql.Time time -> time.toLocalTime();
            default -> LocalTime.parse(value.toString());
        };
    }

    private static byte[] bytes(Object value) {
        return switch (value) {
            case byte[] bytes -> bytes;
            case java.sql.Blob blob -> {
                try {
                    yield blob.getBytes(1, Math.toIntExact(blob.length()));
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException("cannot read a BLOB value: " + e.getMessage(), e);
                }
            }
            case java.nio.ByteBuffer buffer -> {
                byte[] bytes = new byte[buffer.remaining()];
                buffer.duplicate().get(bytes);
                yield bytes;
            }
            default -> value.toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /** A value of a type without its own Arrow mapping, as text. */
    static String text(Object value) {
        return switch (value) {
            case String text -> text;
            case java.sql.Timestamp timestamp -> timestamp.toLocalDateTime().toString();
            case java.sql.Date date -> date.toLocalDate().toString();
            case byte[] bytes -> java.util.HexFormat.of().formatHex(bytes);
            case java.sql.Blob blob -> java.util.HexFormat.of().formatHex(bytes(blob));
            default -> value.toString();
        };
    }
}
