package io.polder.server.api;

import io.polder.error.ErrorCode;
import io.polder.registry.Names;
import io.polder.registry.catalog.Product;
import io.polder.server.http.InvalidRequest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A product's entity tag is its revision, quoted: {@code "7"}. A lifecycle change must send it back in
 * {@code If-Match}; that is how two people changing the same product find out about each other.
 */
final class ETags {
    private static final Pattern REVISION = Pattern.compile("\"([0-9]{1,18})\"");

    private ETags() {
    }

    static String of(Product product) {
        return "\"" + product.revision() + "\"";
    }

    /** The revision in the request's single {@code If-Match} header; 428 without one, 400 for anything else. */
    static long requiredRevision(List<String> ifMatchHeaders) {
        if (ifMatchHeaders.isEmpty()) {
            throw new InvalidRequest(ErrorCode.PRECONDITION_REQUIRED, "this change needs If-Match with the product's"
                    + " ETag, as GET /api/v1/products/{id} returns it (such as If-Match: \"3\")");
        }
        String value = ifMatchHeaders.size() == 1 ? ifMatchHeaders.getFirst().strip() : "";
        Matcher matcher = REVISION.matcher(value);
        if (!matcher.matches()) {
            throw InvalidRequest.badArgument("If-Match must be one product ETag, such as \"3\"; found "
                    + Names.quoteForMessage(String.join(", ", ifMatchHeaders)));
        }
        return Long.parseLong(matcher.group(1));
    }
}
