package dev.tangle.api;

import dev.tangle.api.admin.AdminConfig;
import dev.tangle.api.chat.ChatConfig;
import dev.tangle.api.identity.IdentityConfig;
import dev.tangle.api.identity.RateLimitConfig;
import dev.tangle.api.webhooks.WebhookConfig;
import dev.tangle.common.config.CommonConfig;
import dev.tangle.common.config.Settings;

/**
 * Configuration of api-server.
 *
 * @param common     the keys every service shares (ports, PostgreSQL, NATS, shutdown)
 * @param identity   accounts and tokens
 * @param rateLimits limits of register and login
 * @param chat       conversations and messages
 * @param admin      operators
 * @param webhooks   outbound webhooks
 */
public record ApiConfig(CommonConfig common, IdentityConfig identity, RateLimitConfig rateLimits, ChatConfig chat,
                        AdminConfig admin, WebhookConfig webhooks) {

    public static final String SERVICE = "api-server";

    public static ApiConfig from(Settings settings) {
        return new ApiConfig(CommonConfig.from(settings, SERVICE, 0, "api"), IdentityConfig.from(settings),
                RateLimitConfig.from(settings), ChatConfig.from(settings), AdminConfig.from(settings),
                WebhookConfig.from(settings));
    }
}
