package dev.gust.httpevents;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link HttpRequest}s for tests. */
final class Requests {

    static final Instant TIME = Instant.ofEpochMilli(1583348638390L);

    private String method = "GET";
    private String rawPath = "/";
    private String rawQuery = "";
    private final List<Header> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private String sourceIp = "203.0.113.7";
    private Instant time = TIME;

    static Requests get(String rawPath) {
        return new Requests().method("GET").path(rawPath);
    }

    static Requests request(String method, String rawPath) {
        return new Requests().method(method).path(rawPath);
    }

    Requests method(String value) {
        method = value;
        return this;
    }

    Requests path(String value) {
        rawPath = value;
        return this;
    }

    Requests query(String value) {
        rawQuery = value;
        return this;
    }

    Requests header(String name, String value) {
        headers.add(new Header(name, value));
        return this;
    }

    Requests body(String value) {
        body = value.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    Requests body(byte[] value) {
        body = value;
        return this;
    }

    Requests sourceIp(String value) {
        sourceIp = value;
        return this;
    }

    Requests time(Instant value) {
        time = value;
        return this;
    }

    HttpRequest build() {
        return new HttpRequest(method, rawPath, rawQuery, headers, body, sourceIp, "HTTP/1.1", time);
    }
}
