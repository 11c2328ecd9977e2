package dev.tangle.api.media;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.Problems;
import dev.tangle.common.contract.MediaContract;
import dev.tangle.common.contract.MediaContract.MediaSummary;
import dev.tangle.common.nats.service.NatsServiceClient;

/**
 * Checks {@code mediaIds} of a post or message against media-service ({@code tangle.svc.media.lookup}): each must
 * exist, belong to the sender and be {@code processing} or {@code ready}; otherwise 400 naming
 * {@code mediaIds[i]}. media-service not answering is 503 (nothing is written).
 */
public class MediaValidator {

    /** For set-ups without media-service (tests of other features that send no media). */
    public static final MediaValidator NONE = new MediaValidator(null);

    private static final System.Logger LOG = System.getLogger(MediaValidator.class.getName());
    private static final int BATCH = 100;

    private final NatsServiceClient media;

    /** Asks media-service over the service's NATS connection, waiting up to 3 s for an answer. */
    public static MediaValidator over(io.nats.client.Connection nats) {
        return new MediaValidator(new NatsServiceClient(nats, java.time.Duration.ofSeconds(3)));
    }

    public MediaValidator(NatsServiceClient media) {
        this.media = media;
    }

    /**
     * Current metadata of the ids (deduplicated, in batches of {@value #BATCH}); null when media-service did not
     * answer, so a read never fails because of it.
     */
    public Map<String, MediaSummary> describe(java.util.Collection<UUID> mediaIds) {
        if (mediaIds.isEmpty() || media == null) {
            return Map.of();
        }
        List<String> ids = mediaIds.stream().map(UUID::toString).distinct().toList();
        Map<String, MediaSummary> found = new HashMap<>();
        try {
            for (int i = 0; i < ids.size(); i += BATCH) {
                var reply = media.call(MediaContract.LOOKUP,
                        new MediaContract.LookupRequest(ids.subList(i, Math.min(ids.size(), i + BATCH))));
                reply.items().forEach(s -> found.put(s.id(), s));
            }
        } catch (ApiException e) {
            LOG.log(System.Logger.Level.WARNING, "media lookup failed, attachments left out: " + e.detail());
            return null;
        }
        return found;
    }

    /** The attachments of one post or message: each id's metadata, a deleted placeholder, or null if unknown. */
    public List<MediaSummary> attachments(List<UUID> mediaIds, Map<String, MediaSummary> described) {
        if (mediaIds.isEmpty()) {
            return List.of();
        }
        if (described == null || media == null) {
            return null;
        }
        return mediaIds.stream().map(UUID::toString).map(id -> described.getOrDefault(id,
                new MediaSummary(id, null, null, "deleted", null, null, null, null, null))).toList();
    }

    public void validate(UUID owner, List<UUID> mediaIds) {
        if (mediaIds == null || mediaIds.isEmpty() || media == null) {
            return;
        }
        List<String> ids = mediaIds.stream().map(UUID::toString).toList();
        Map<String, MediaSummary> found = new HashMap<>();
        for (MediaSummary s : media.call(MediaContract.LOOKUP, new MediaContract.LookupRequest(ids)).items()) {
            found.put(s.id(), s);
        }
        List<ApiException.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            MediaSummary s = found.get(ids.get(i));
            String field = "mediaIds[" + i + "]";
            if (s == null || "deleted".equals(s.status()) || !owner.toString().equals(s.ownerId())) {
                errors.add(new ApiException.FieldError(field, "is not a media item of yours"));
            } else if ("failed".equals(s.status())) {
                errors.add(new ApiException.FieldError(field, "failed processing and cannot be attached"));
            }
        }
        if (!errors.isEmpty()) {
            throw Problems.validation(errors);
        }
    }
}
