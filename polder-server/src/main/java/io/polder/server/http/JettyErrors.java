package io.polder.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polder.error.ErrorCode;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself, before a request reaches the API (an illegal character in the path,
 * a request line or header over its limit), in the API's error shape instead of an HTML page.
 */
final class JettyErrors extends ErrorHandler {
    private final ObjectMapper mapper;

    JettyErrors(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) throws java.io.IOException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(status, message)), callback);
    }

    private byte[] body(int status, String message) throws JsonProcessingException {
        ErrorCode code = switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413, 414, 431 -> ErrorCode.TOO_LARGE;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.INVALID_ARGUMENT;
        };
        // Jetty's reasons are fixed phrases ("URI Too Long", "Illegal Path Character"), never request content.
        String text = status >= 500 ? "internal error" : "request refused by the HTTP layer: "
                + (message == null ? "bad request" : message);
        return mapper.writeValueAsBytes(ErrorBody.of(code, text));
    }
}
