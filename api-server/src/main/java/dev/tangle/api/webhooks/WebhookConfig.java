package dev.tangle.api.webhooks;

import java.time.Duration;

import dev.tangle.common.config.Settings;

/**
 * Outbound webhooks (docs/adr/0112).
 *
 * @param allowPrivate deliver to loopback, link-local and private addresses too ({@code webhooks.allow-private},
 *                     default false: such URLs are refused, against SSRF)
 * @param retryBase    first retry delay, doubled each attempt up to an hour ({@code webhooks.retry-base}, 5s)
 * @param retryFor     how long a failing delivery is retried before it is dead ({@code webhooks.retry-for}, 1d)
 * @param timeout      one delivery request ({@code webhooks.timeout}, 10s)
 * @param pollInterval how often idle dispatchers look for due deliveries ({@code webhooks.poll-interval}, 1s)
 */
public record WebhookConfig(boolean allowPrivate, Duration retryBase, Duration retryFor, Duration timeout,
                            Duration pollInterval) {

    public static WebhookConfig from(Settings s) {
        return new WebhookConfig(s.bool("webhooks.allow-private", false),
                s.duration("webhooks.retry-base", Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofHours(1)),
                s.duration("webhooks.retry-for", Duration.ofDays(1), Duration.ofSeconds(1), Duration.ofDays(30)),
                s.duration("webhooks.timeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(1)),
                s.duration("webhooks.poll-interval", Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMinutes(1)));
    }
}
