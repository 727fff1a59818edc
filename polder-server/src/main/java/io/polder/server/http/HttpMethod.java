package io.polder.server.http;

import io.javalin.http.HandlerType;
import java.util.Locale;

/** The HTTP methods the API uses. */
public enum HttpMethod {
    GET, POST, DELETE;

    /** Whether a request with this method may change something, and so is audited when it is refused. */
    public boolean changes() {
        return this != GET;
    }

    HandlerType handlerType() {
        return switch (this) {
            case GET -> HandlerType.GET;
            case POST -> HandlerType.POST;
            case DELETE -> HandlerType.DELETE;
        };
    }

    /** The spelling OpenAPI uses for an operation's key. */
    public String lowerCase() {
        return name().toLowerCase(Locale.ROOT);
    }
}
