package io.polder.web.pages;

import io.javalin.http.Context;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The stylesheet and script the pages use, served from the jar: nothing is fetched from elsewhere, at build
 * or run time. Only the files listed here are served.
 */
public final class Assets {
    private static final Map<String, String> TYPES = Map.of(
            "polder.css", "text/css; charset=utf-8",
            "polder.js", "text/javascript; charset=utf-8");

    private final Map<String, byte[]> files;

    public Assets() {
        this.files = Map.of("polder.css", read("polder.css"), "polder.js", read("polder.js"));
    }

    public void serve(Context ctx) {
        String name = ctx.pathParam("name");
        byte[] bytes = files.get(name);
        if (bytes == null) {
            throw new PolderException(ErrorCode.NOT_FOUND, "no asset " + io.polder.registry.Names.quoteForMessage(name));
        }
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType(TYPES.get(name)).result(bytes);
    }

    private static byte[] read(String name) {
        try (InputStream in = Assets.class.getResourceAsStream("/io/polder/web/assets/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the web UI's asset " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
