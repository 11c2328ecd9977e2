package dev.tangle.common.contract;

import java.util.List;

import dev.tangle.common.nats.service.Operation;

/**
 * The {@code tangle.svc.*} contract between media-service and api-server (docs/adr/0082). It lives in common, not
 * in either service: media-service builds with release 25 (its libvips binding uses FFM), so api-server (release
 * 21) cannot import its classes, and media-service must not depend on api-server's.
 *
 * <ul>
 *   <li>{@link #LOOKUP} — answered by media-service: the current metadata of media items, for validating
 *       {@code mediaIds} on posts and messages and showing attachments.</li>
 *   <li>{@link #CAN_VIEW} — answered by api-server: may a user see a media item through a post or message that
 *       attaches it (the owner is decided by media-service itself).</li>
 * </ul>
 */
public final class MediaContract {

    /** {@code tangle.svc.media.lookup}. */
    public static final Operation<LookupRequest, LookupReply> LOOKUP =
            Operation.of("media", "lookup", LookupRequest.class, LookupReply.class);

    /** {@code tangle.svc.attachment.can-view}. */
    public static final Operation<CanViewRequest, CanViewReply> CAN_VIEW =
            Operation.of("attachment", "can-view", CanViewRequest.class, CanViewReply.class);

    private MediaContract() {
    }

    /** @param ids media ids (at most 100) */
    public record LookupRequest(List<String> ids) {
    }

    /** @param items the ids that exist (deleted ones included, with {@code status:"deleted"}), in request order */
    public record LookupReply(List<MediaSummary> items) {
    }

    /**
     * What api-server shows of an attachment; a deleted item is a placeholder (status {@code deleted}, no metadata).
     *
     * @param id          media id
     * @param ownerId     uploader
     * @param kind        {@code image} or {@code video}
     * @param status      {@code processing}, {@code ready}, {@code failed} or {@code deleted}
     * @param contentType the original's type
     * @param width       upright width
     * @param height      upright height
     * @param durationMs  a video's duration
     * @param blurhash    placeholder hash once processed
     */
    public record MediaSummary(String id, String ownerId, String kind, String status, String contentType,
                               Integer width, Integer height, Long durationMs, String blurhash) {
    }

    /**
     * @param userId  the viewer
     * @param mediaId the media item
     */
    public record CanViewRequest(String userId, String mediaId) {
    }

    /** @param visible whether some post or message attaching it is visible to the user */
    public record CanViewReply(boolean visible) {
    }
}
