package io.polder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.util.List;

/**
 * The output ports of a product's current version, as the server lists them ({@code GET /api/v1/ports}), for the
 * commands that take {@code --port}: a port name is checked before anything is started, so that a typo is answered
 * with the ports there are (exit 3) rather than with a failed run in the product's history.
 */
final class OutputPorts {
    private OutputPorts() {
    }

    /** The names of {@code product}'s output ports; the product not found (exit 3) when the server holds none. */
    static List<String> of(PolderClient client, String product) {
        List<String> names = Listing.read(client, PolderClient.path("ports"),
                PolderClient.Query.none().with("product", product).with("direction", "output"), null).stream()
                .map(port -> port.path("name").asText()).toList();
        if (names.isEmpty()) {
            client.get(PolderClient.path("products", product)); // a product the registry does not hold: not found
        }
        return names;
    }

    /**
     * {@code List.of(port)} when {@code product} has that output port, every output port when {@code port} is null.
     *
     * @throws PolderException not found, naming the product's output ports, when it has no such port
     */
    static List<String> select(PolderClient client, String product, String port) {
        List<String> names = of(client, product);
        if (port == null) {
            return names;
        }
        if (!names.contains(port)) {
            throw new PolderException(ErrorCode.NOT_FOUND, "product '" + product + "' has no output port '" + port
                    + "'" + (names.isEmpty() ? "; it has no output ports" : "; its output ports: "
                    + String.join(", ", names)));
        }
        return List.of(port);
    }

    /** A port's address without its product ({@code orders/v1} of {@code sales-orders/orders/v1}). */
    static String withinProduct(JsonNode address, String product) {
        String text = address.asText();
        return text.startsWith(product + "/") ? text.substring(product.length() + 1) : text;
    }
}
