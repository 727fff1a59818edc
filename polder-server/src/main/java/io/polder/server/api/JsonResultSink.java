package io.polder.server.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.polder.gateway.ResultColumn;
import io.polder.gateway.RowSink;
import io.polder.server.http.ErrorBody;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes a query's result as JSON while it is read:
 * {@code {"columns":[{"name","type"}],"rows":[[...],...],"rowCount":N,"truncated":B,"elapsedMs":T}}. Numbers stay
 * numbers (decimals exactly), dates and times are ISO-8601 text, binary values base64, NaN and infinities text.
 * A failure after rows went out ends the object with {@code "error":{code,message,details}} instead.
 */
final class JsonResultSink implements RowSink {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final JsonGenerator json;
    private boolean started;

    JsonResultSink(OutputStream out) throws IOException {
        this.json = FACTORY.createGenerator(out);
    }

    @Override
    public void start(List<ResultColumn> columns) throws IOException {
        started = true;
        json.writeStartObject();
        json.writeArrayFieldStart("columns");
        for (ResultColumn column : columns) {
            json.writeStartObject();
            json.writeStringField("name", column.name());
            json.writeStringField("type", column.type());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("rows");
    }

    @Override
    public void row(Object[] values) throws IOException {
        json.writeStartArray();
        for (Object value : values) {
            value(value);
        }
        json.writeEndArray();
    }

    /** Ends the result with its counts. */
    void finish(long rowCount, boolean truncated, long elapsedMs) throws IOException {
        json.writeEndArray();
        json.writeNumberField("rowCount", rowCount);
        json.writeBooleanField("truncated", truncated);
        json.writeNumberField("elapsedMs", elapsedMs);
        json.writeEndObject();
        json.flush();
    }

    /** Ends a result cut short by {@code error} after some of it was sent. */
    void fail(long rowCount, ErrorBody error) throws IOException {
        if (!started) {
            json.writeStartObject();
            json.writeArrayFieldStart("columns");
            json.writeEndArray();
            json.writeArrayFieldStart("rows");
        }
        json.writeEndArray();
        json.writeNumberField("rowCount", rowCount);
        json.writeBooleanField("truncated", false);
        json.writeObjectFieldStart("error");
        json.writeStringField("code", error.code());
        json.writeStringField("message", error.message());
        json.writeObjectFieldStart("details");
        for (Map.Entry<String, Object> detail : error.details().entrySet()) {
            json.writeStringField(detail.getKey(), String.valueOf(detail.getValue()));
        }
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
        json.flush();
    }

    private void value(Object value) throws IOException {
        switch (value) {
            case null -> json.writeNull();
            case String text -> json.writeString(text);
            case Boolean bool -> json.writeBoolean(bool);
            case Long number -> json.writeNumber(number);
            case Integer number -> json.writeNumber(number);
            case Short number -> json.writeNumber(number);
            case Byte number -> json.writeNumber(number);
            case BigInteger number -> json.writeNumber(number);
            case BigDecimal number -> json.writeNumber(number);
            case Double number -> {
                if (number.isNaN() || number.isInfinite()) {
                    json.writeString(number.toString());
                } else {
                    json.writeNumber(number);
                }
            }
            case Float number -> {
                if (number.isNaN() || number.isInfinite()) {
                    json.writeString(number.toString());
                } else {
                    json.writeNumber(number);
                }
            }
            case byte[] bytes -> json.writeBinary(bytes);
            case java.sql.Timestamp timestamp -> json.writeString(timestamp.toLocalDateTime().toString());
            case java.sql.Date date -> json.writeString(date.toLocalDate().toString());
            case java.sql.Time time -> json.writeString(time.toLocalTime().toString());
            case java.sql.Array array -> array(array);
            case List<?> list -> {
                json.writeStartArray();
                for (Object item : list) {
                    value(item);
                }
                json.writeEndArray();
            }
            case Map<?, ?> map -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    json.writeFieldName(String.valueOf(entry.getKey()));
                    value(entry.getValue());
                }
                json.writeEndObject();
            }
            default -> json.writeString(value.toString());
        }
    }

    private void array(java.sql.Array array) throws IOException {
        try {
            Object[] items = (Object[]) array.getArray();
            json.writeStartArray();
            for (Object item : items) {
                value(item);
            }
            json.writeEndArray();
        } catch (java.sql.SQLException | ClassCastException e) {
            json.writeString(array.toString());
        }
    }
}
