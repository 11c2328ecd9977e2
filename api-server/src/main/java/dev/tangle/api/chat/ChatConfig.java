package dev.tangle.api.chat;

import dev.tangle.common.config.Settings;

/**
 * Conversations and messages.
 *
 * @param sendStripes        send queues; a conversation's sends always go to the same one, and one
 *                           transaction commits sends of any conversations of its stripe
 *                           ({@code chat.send-stripes}, default 1)
 * @param sendWriters        writers per stripe ({@code chat.send-writers}, default 1); with more, one batch's
 *                           statement can wait on the row lock of another's, but two batches of one conversation may
 *                           then be published out of commit order (socket-server fills such a gap from history)
 * @param sendBatchMax       most sends committed in one transaction ({@code chat.send-batch-max}, default 256)
 * @param serviceConcurrency most {@code tangle.svc.chat.*} requests other than sends handled at once per instance
 *                           ({@code chat.service-concurrency}, default 512)
 * @param sendConcurrency    most {@code tangle.svc.chat.send} requests waiting for their batch at once per instance
 *                           ({@code chat.send-concurrency}, default 8192): a waiting send is a parked virtual thread
 *                           holding no connection, and more waiting sends only make the next batch larger
 * @param setupConcurrency   most set-up reads socket-server makes when a user's first session opens
 *                           ({@code tangle.svc.chat.memberships} and {@code tangle.svc.social.friends}) handled at
 *                           once per instance ({@code chat.setup-concurrency}, default 4096): a burst of
 *                           connections is queued for the database pool, not refused (ADR 0160)
 */
public record ChatConfig(int sendStripes, int sendWriters, int sendBatchMax, int serviceConcurrency,
                         int sendConcurrency, int setupConcurrency) {
    public static ChatConfig from(Settings s) {
        return new ChatConfig(
                s.integer("chat.send-stripes", 1, 1, 1024),
                s.integer("chat.send-writers", 1, 1, 16),
                s.integer("chat.send-batch-max", 256, 1, 1000),
                s.integer("chat.service-concurrency", 512, 1, 100_000),
                s.integer("chat.send-concurrency", 8192, 1, 100_000),
                s.integer("chat.setup-concurrency", 4096, 1, 100_000));
    }
}
