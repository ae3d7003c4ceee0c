package dev.gust.runtimeapi;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * The HTTP trailers of the request being read on a runtime's connection: a streaming response reports a function's
 * error in them ({@code Lambda-Runtime-Function-Error-Type}, {@code Lambda-Runtime-Function-Error-Body}), and Vert.x
 * drops a request's trailers, so a small Netty handler in front of Vert.x's keeps them.
 *
 * <p>The handler sits on the connection's channel, so its state is confined to the endpoint's event loop; a request's
 * trailers are read in its end handler, before the next request on the connection begins (a runtime does not pipeline).
 */
final class RequestTrailers extends ChannelInboundHandlerAdapter {

    private static final AttributeKey<HttpHeaders> LAST = AttributeKey.valueOf("gust.runtime-api.trailers");
    private static final String NAME = "gust-trailers";
    /** Vert.x's own handler on an HTTP connection's pipeline. */
    private static final String VERTX_HANDLER = "handler";

    private RequestTrailers() {
    }

    /** Starts keeping the trailers of the requests on {@code connection}; does nothing on an unknown connection. */
    static void keep(HttpConnection connection) {
        if (connection instanceof ConnectionBase base && base.channel().pipeline().get(VERTX_HANDLER) != null
                && base.channel().pipeline().get(NAME) == null) {
            base.channel().pipeline().addBefore(VERTX_HANDLER, NAME, new RequestTrailers());
        }
    }

    /** The named trailer of the last request read on {@code connection}, or {@code null}. */
    static String of(HttpConnection connection, CharSequence name) {
        if (!(connection instanceof ConnectionBase base)) {
            return null;
        }
        HttpHeaders trailers = base.channel().attr(LAST).get();
        return trailers == null ? null : trailers.get(name);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel channel = ctx.channel();
        if (msg instanceof HttpRequest) {
            channel.attr(LAST).set(null);
        }
        if (msg instanceof LastHttpContent last && !last.trailingHeaders().isEmpty()) {
            channel.attr(LAST).set(last.trailingHeaders().copy());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public boolean isSharable() {
        return false;
    }
}
