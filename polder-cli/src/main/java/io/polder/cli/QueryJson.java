package io.polder.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A query's result as the API's JSON, written as it arrives: {@code {"columns":[...],"rows":[...],"rowCount":N,
 * "truncated":B,"elapsedMs":T}}, one row per line.
 */
final class QueryJson implements QueryCommand.ResultPrinter {
    private final PrintWriter out;
    private final JsonGenerator json;

    QueryJson(PrintWriter out) {
        this.out = out;
        try {
            this.json = PolderClient.JSON.getFactory().createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void start(List<String> names, List<String> types) {
        write(() -> {
            json.writeStartObject();
            json.writeArrayFieldStart("columns");
            for (int i = 0; i < names.size(); i++) {
                json.writeStartObject();
                json.writeStringField("name", names.get(i));
                json.writeStringField("type", types.get(i));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("rows");
        });
    }

    @Override
    public void row(JsonNode values) {
        write(() -> {
            json.writeRaw("\n  ");
            json.writeTree(values);
        });
    }

    @Override
    public void end(QueryCommand.Summary summary) {
        write(() -> {
            json.writeRaw("\n");
            json.writeEndArray();
            json.writeNumberField("rowCount", summary.rowCount());
            json.writeBooleanField("truncated", summary.truncated());
            json.writeNumberField("elapsedMs", summary.elapsedMs());
            json.writeEndObject();
            json.writeRaw("\n");
            json.flush();
        });
        out.flush();
    }

    private interface Write {
        void run() throws IOException;
    }

    private static void write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new PolderException(ErrorCode.INTERNAL, "cannot print the result: " + e.getMessage());
        }
    }
}
