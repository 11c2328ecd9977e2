package dev.tangle.api;

import java.util.Arrays;
import java.util.List;

import dev.tangle.api.chat.ChatConfig;
import dev.tangle.api.identity.IdentityConfig;
import dev.tangle.api.identity.RateLimitConfig;
import dev.tangle.common.config.CommonConfig;
import dev.tangle.common.config.Settings;

/**
 * Configuration of api-server.
 *
 * @param common   the keys every service shares (ports, PostgreSQL, NATS, shutdown)
 * @param identity accounts and tokens
 * @param rateLimits limits of register and login
 * @param chat     conversations and messages
 */
public record ApiConfig(CommonConfig common, IdentityConfig identity, RateLimitConfig rateLimits, ChatConfig chat,
                        AdminConfig admin) {

    public static final String SERVICE = "api-server";

    public static ApiConfig from(Settings settings) {
        return new ApiConfig(CommonConfig.from(settings, SERVICE, 0, "api"), IdentityConfig.from(settings),
                RateLimitConfig.from(settings), ChatConfig.from(settings), AdminConfig.from(settings));
    }

    /**
     * Operators.
     *
     * @param operators handles that are operators, comma separated; they become operators at start-up or when
     *                  they register later ({@code admin.operators}, default none). Further operators are made
     *                  by SQL only ({@code UPDATE users SET role = 'operator'}), never through the API.
     */
    public record AdminConfig(List<String> operators) {
        static AdminConfig from(Settings s) {
            return new AdminConfig(Arrays.stream(s.string("admin.operators", "").split(","))
                    .map(String::trim).filter(h -> !h.isEmpty()).toList());
        }
    }
}
