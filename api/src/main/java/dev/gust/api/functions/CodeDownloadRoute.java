package dev.gust.api.functions;

import dev.gust.store.CodeStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves code packages at the presigned links of {@link CodeLinks}: what {@code GetFunction}'s
 * {@code Code.Location} points to. Unsigned, expired or forged links get 403 as S3 would answer them.
 */
public final class CodeDownloadRoute {

    private final CodeLinks links;
    private final CodeStore code;

    public CodeDownloadRoute(CodeLinks links, CodeStore code) {
        this.links = links;
        this.code = code;
    }

    public void register(Router router) {
        router.get(CodeLinks.PREFIX + ":account/:region/:file").handler(this::download);
    }

    private void download(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        String hex = file.endsWith(".zip") ? file.substring(0, file.length() - 4) : file;
        if (!links.isValid(ctx.pathParam("account"), ctx.pathParam("region"), hex,
                ctx.queryParams().get("X-Gust-Expires"), ctx.queryParams().get("X-Gust-Signature"))) {
            ctx.response().setStatusCode(403).putHeader("Content-Type", "application/xml")
                    .end("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code>"
                            + "<Message>Request has expired or the signature does not match</Message></Error>");
            return;
        }
        Path zip = code.zipFile(hex);
        if (!Files.isRegularFile(zip)) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "application/xml")
                    .end("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
                            + "<Message>The specified key does not exist.</Message></Error>");
            return;
        }
        ctx.response().putHeader("Content-Type", "application/zip").sendFile(zip.toString());
    }
}
