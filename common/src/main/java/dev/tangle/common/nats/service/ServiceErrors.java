package dev.tangle.common.nats.service;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.ErrorCode;
import dev.tangle.common.error.Problems;
import dev.tangle.common.json.Json;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.service.ServiceMessage;

/**
 * How a failure crosses NATS: the micro-service protocol's {@code Nats-Service-Error} (detail) and
 * {@code Nats-Service-Error-Code} (HTTP status) headers, and the same problem document REST sends as the body,
 * so the caller rebuilds the exact {@link ApiException}, field errors included.
 */
final class ServiceErrors {

    private static final String RETRY_AFTER = "Retry-After";

    private ServiceErrors() {
    }

    static Headers headers(ApiException e) {
        return new Headers()
                .put(ServiceMessage.NATS_SERVICE_ERROR, e.detail() == null ? e.code() : e.detail())
                .put(ServiceMessage.NATS_SERVICE_ERROR_CODE, Integer.toString(e.status()));
    }

    static byte[] body(ApiException e) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Problems.document(e));
        String retryAfter = e.headers().get(RETRY_AFTER);
        if (retryAfter != null) {
            body.put("retryAfterSeconds", Long.parseLong(retryAfter));
        }
        return Json.write(body);
    }

    static boolean isError(Message reply) {
        Headers headers = reply.getHeaders();
        return headers != null && headers.containsKey(ServiceMessage.NATS_SERVICE_ERROR_CODE);
    }

    /** Rebuilds the failure an error reply carries; a reply without our body still keeps its status. */
    static ApiException decode(Message reply) {
        Headers headers = reply.getHeaders();
        int status = parseStatus(headers.getFirst(ServiceMessage.NATS_SERVICE_ERROR_CODE));
        String detail = headers.getFirst(ServiceMessage.NATS_SERVICE_ERROR);
        JsonNode body;
        try {
            body = Json.tree(reply.getData());
        } catch (RuntimeException notOurs) {
            body = null;
        }
        Map<String, String> retry = body != null && body.path("retryAfterSeconds").isIntegralNumber()
                ? Map.of(RETRY_AFTER, body.path("retryAfterSeconds").asText()) : Map.of();
        ApiException known = Problems.fromDocument(body, status, detail, retry);
        if (known == null) {
            ErrorCode code = ErrorCode.forStatus(status);
            return new ApiException(status, code.code(), code.title(), detail);
        }
        return known;
    }

    private static int parseStatus(String value) {
        try {
            return value == null ? 500 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 500;
        }
    }
}
