package dev.tangle.api.fault;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.tangle.api.support.ApiTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, item 5: every error the HTTP layer produces before or outside routing — body over the limit, URI too
 * long, headers too large, a broken request line, an unknown method or route — is problem+json with a code.
 */
class HttpLayerErrorsIT {

    private static ApiTestServer api;

    @BeforeAll
    static void start() {
        api = ApiTestServer.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void everyHttpLayerErrorIsProblemJsonWithACode() {
        String base = api.http().baseUrl();
        List<String> failures = new ArrayList<>();
        check(failures, "body over the limit, declared", 413, RawHttp.exchange(base, post("/v1/auth/register", 2 * 1024 * 1024)));
        check(failures, "body over the server's payload limit", 413, RawHttp.exchange(base, post("/v1/auth/register", 5 * 1024 * 1024)));
        check(failures, "chunked body over the limit", 413, RawHttp.exchange(base, chunked("/v1/auth/register", 2 * 1024 * 1024)));
        check(failures, "URI too long", 414, RawHttp.exchange(base, "GET /v1/users?q=" + "a".repeat(70_000)
                                                                      + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        // Helidon 4.5.0 no longer tells a direct handler why a header block was refused (ADR 0120): 400, not 431
        check(failures, "headers too large", 400, RawHttp.exchange(base, "GET /v1/users/me HTTP/1.1\r\nHost: x\r\nX-Big: "
                                                                         + "b".repeat(70_000) + "\r\nConnection: close\r\n\r\n"));
        check(failures, "malformed request line", 400, RawHttp.exchange(base, "GARBAGE\r\n\r\n"));
        check(failures, "bad HTTP version", 400, RawHttp.exchange(base, "GET / HTTP/9.9\r\nHost: x\r\n\r\n"));
        check(failures, "header without colon", 400, RawHttp.exchange(base, "GET / HTTP/1.1\r\nHost: x\r\nnocolon\r\n\r\n"));
        check(failures, "unknown route", 404, RawHttp.exchange(base, "GET /v1/nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        check(failures, "unknown method", 404, RawHttp.exchange(base, "BREW /v1/users/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        check(failures, "bad content length", 400, RawHttp.exchange(base, "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                                                                         + "Content-Length: abc\r\nConnection: close\r\n\r\n"));
        assertThat(failures).isEmpty();
    }

    private static void check(List<String> failures, String what, int status, RawHttp.Response res) {
        boolean ok = res.status() == status && res.contentType().startsWith("application/problem+json");
        if (ok) {
            try {
                ok = res.json().get("code").isTextual() && res.json().get("status").asInt() == status;
            } catch (RuntimeException e) {
                ok = false;
            }
        }
        if (!ok) {
            failures.add(what + ": expected " + status + " problem+json, got " + res);
        }
    }

    private static byte[] post(String path, int bodyBytes) {
        String head = "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + bodyBytes
                      + "\r\nConnection: close\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + bodyBytes];
        System.arraycopy(h, 0, all, 0, h.length);
        java.util.Arrays.fill(all, h.length, all.length, (byte) ' ');
        return all;
    }

    private static byte[] chunked(String path, int bodyBytes) {
        StringBuilder b = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        int chunk = 64 * 1024;
        for (int sent = 0; sent < bodyBytes; sent += chunk) {
            b.append(Integer.toHexString(chunk)).append("\r\n").append(" ".repeat(chunk)).append("\r\n");
        }
        b.append("0\r\n\r\n");
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
