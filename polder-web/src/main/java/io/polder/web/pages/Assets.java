package io.polder.web.pages;

import io.javalin.http.Context;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.Names;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The stylesheets and scripts the pages use, served from the jar: nothing is fetched from elsewhere, at build
 * or run time. Only the files listed here are served: Polder's own, and uPlot (the charts) from its webjar.
 */
public final class Assets {
    private static final String CSS = "text/css; charset=utf-8";
    private static final String SCRIPT = "text/javascript; charset=utf-8";
    private static final String OWN = "/io/polder/web/assets/";
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";

    private record Asset(String type, byte[] bytes) {
    }

    private final Map<String, Asset> files = Map.of(
            "polder.css", new Asset(CSS, read(OWN + "polder.css")),
            "polder.js", new Asset(SCRIPT, read(OWN + "polder.js")),
            "uplot.css", new Asset(CSS, read(UPLOT + "uPlot.min.css")),
            "uplot.js", new Asset(SCRIPT, read(UPLOT + "uPlot.iife.min.js")));

    public void serve(Context ctx) {
        String name = ctx.pathParam("name");
        Asset asset = files.get(name);
        if (asset == null) {
            throw new PolderException(ErrorCode.NOT_FOUND, "no asset " + Names.quoteForMessage(name));
        }
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType(asset.type()).result(asset.bytes());
    }

    private static byte[] read(String resource) {
        try (InputStream in = Assets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the web UI's asset " + resource + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
