package dev.tangle.api.media;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.Problems;
import dev.tangle.common.media.MediaContract;
import dev.tangle.common.media.MediaContract.MediaSummary;
import dev.tangle.common.nats.service.NatsServiceClient;

/**
 * Checks {@code mediaIds} of a post or message against media-service ({@code tangle.svc.media.lookup}): each must
 * exist, belong to the sender and be {@code processing} or {@code ready}; otherwise 400 naming
 * {@code mediaIds[i]}. media-service not answering is 503 (nothing is written).
 */
public class MediaValidator {

    /** For set-ups without media-service (tests of other features that send no media). */
    public static final MediaValidator NONE = new MediaValidator(null);

    private final NatsServiceClient media;

    public MediaValidator(NatsServiceClient media) {
        this.media = media;
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
