package dev.gust.functionurls;

import dev.gust.httpevents.Header;
import dev.gust.httpevents.HttpResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes a function's mapped answer as the URL's HTTP response, with the headers AWS adds ({@code Date},
 * {@code x-amzn-RequestId} (the edge's), {@code X-Amzn-Trace-Id}, and for a stream {@code Content-Type} when the
 * function set none). Stateless; called on the event loop.
 */
final class UrlResponses {

    /** What AWS answers when a function's response names no {@code Content-Type}. */
    static final String DEFAULT_CONTENT_TYPE = "application/json";

    private UrlResponses() {
    }

    /** Sends {@code answer} whole: a mapped answer (which has its {@code Content-Type}) or a CORS preflight's. */
    static void send(HttpServerResponse response, HttpResponse answer, String traceId) {
        if (response.closed()) {
            return;
        }
        head(response, answer.statusCode(), answer.headers(), traceId, null);
        response.end(Buffer.buffer(answer.body()));
    }

    /**
     * Sets the status and the headers: the function's (several fields of one name stay several), then AWS's own.
     *
     * @param defaultContentType the {@code Content-Type} when the function set none, or {@code null} for none
     */
    static void head(HttpServerResponse response, int status, List<Header> headers, String traceId,
            String defaultContentType) {
        response.setStatusCode(status);
        boolean contentType = false;
        for (Header header : headers) {
            if (isTransportHeader(header.name())) {
                continue;
            }
            contentType |= header.name().equalsIgnoreCase("Content-Type");
            response.headers().add(header.name(), header.value());
        }
        if (!contentType && defaultContentType != null) {
            response.putHeader("Content-Type", defaultContentType);
        }
        response.putHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        response.putHeader("X-Amzn-Trace-Id", traceId);
    }

    /** Headers the server frames the response with itself, which a function cannot set. */
    private static boolean isTransportHeader(String name) {
        return name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
                || name.equalsIgnoreCase("Connection") || name.equalsIgnoreCase("x-amzn-RequestId");
    }
}
