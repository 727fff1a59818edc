package io.polder.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.javalin.http.Context;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads request bodies: at most {@code maxBytes} (413 above, before anything is parsed), JSON only, into a
 * record, strictly. Every refusal says what is wrong and where, as a JSON pointer into the body.
 */
public final class JsonBodies {
    private final ObjectMapper mapper;
    private final long maxBytes;

    public JsonBodies(ObjectMapper mapper, long maxBytes) {
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.maxBytes = maxBytes;
    }

    /** The body of {@code ctx} read into {@code type}. */
    public <T> T read(Context ctx, Class<T> type) {
        requireJson(ctx.contentType());
        return parse(bytes(ctx), type);
    }

    private <T> T parse(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw InvalidRequest.badArgument("this request needs a JSON body");
        }
        try {
            return mapper.readValue(body, type);
        } catch (ValueInstantiationException e) {
            throw refusedByRecord(e);
        } catch (JsonProcessingException e) {
            throw new InvalidRequest(ErrorCode.INVALID_ARGUMENT, describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] bytes(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(declared);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE));
            if (body.length > maxBytes) {
                throw tooLarge(-1);
            }
            return body;
        } catch (IOException e) {
            throw InvalidRequest.badArgument("the request body could not be read");
        }
    }

    private InvalidRequest tooLarge(long declared) {
        return new InvalidRequest(ErrorCode.TOO_LARGE, "the request body is larger than " + maxBytes + " bytes"
                + (declared > 0 ? " (" + declared + " bytes)" : ""));
    }

    private static void requireJson(String contentType) {
        if (contentType == null) {
            return;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw InvalidRequest.badArgument("the request body must be JSON (Content-Type: application/json)");
        }
    }

    /** A record refused the values it was given: its own message says why. */
    private static PolderException refusedByRecord(ValueInstantiationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof PolderException polder) {
            return new InvalidRequest(polder.code(), polder.getMessage(), polder.details());
        }
        String reason = cause != null && cause.getMessage() != null ? cause.getMessage() : "a value is missing or wrong";
        return InvalidRequest.badArgument("invalid request body" + at(e) + ": " + reason);
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'" + at(unknown) + "; the known fields are "
                    + unknown.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
        }
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
            return "malformed JSON: there is more after the JSON value";
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            String field = e instanceof JsonMappingException mapping ? at(mapping) : "";
            return "wrong type of value" + field + ": " + firstLine(e.getOriginalMessage());
        }
        if (e instanceof StreamReadException read) {
            JsonLocation location = read.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            return "malformed JSON" + where + ": " + firstLine(e.getOriginalMessage());
        }
        return "invalid request body: " + firstLine(e.getOriginalMessage());
    }

    /** Where in the body a mapping failed, as a JSON pointer: {@code " (at /products/0/path)"}. */
    private static String at(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.isEmpty()) {
            return "";
        }
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            pointer.append('/').append(reference.getFieldName() != null ? reference.getFieldName() : reference.getIndex());
        }
        return " (at " + pointer + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse(message);
        // Jackson names Java types in some messages; the client knows the fields, not our classes.
        return line.replaceAll("`?(java\\.[a-z.]+|io\\.polder\\.[A-Za-z.$]+)\\.([A-Z][A-Za-z]*)`?", "$2")
                .replaceAll("\\$", ".");
    }
}
