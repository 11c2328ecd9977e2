package dev.tangle.media.inspect;

import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.error.ErrorCode;
import dev.tangle.common.json.Json;

/** Probes a video with ffprobe: it must have a video stream, sane dimensions and be within the length limit. */
public final class VideoInspector {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    private final Ffmpeg ffmpeg;
    private final Duration maxLength;
    private final long maxPixels;

    public VideoInspector(Ffmpeg ffmpeg, Duration maxLength, long maxPixels) {
        this.ffmpeg = ffmpeg;
        this.maxLength = maxLength;
        this.maxPixels = maxPixels;
    }

    public Inspection inspect(Path file) {
        JsonNode probe;
        try {
            probe = Json.tree(ffmpeg.probe(file, PROBE_TIMEOUT).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new MediaRejected(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "undecodable", "The file is not a readable video");
        }
        JsonNode video = null;
        for (JsonNode stream : probe.path("streams")) {
            if ("video".equals(stream.path("codec_type").asText()) && video == null) {
                video = stream;
            }
        }
        if (video == null) {
            throw new MediaRejected(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "no_video_stream", "The file has no video stream");
        }
        int width = video.path("width").asInt();
        int height = video.path("height").asInt();
        if (width <= 0 || height <= 0 || (long) width * height > maxPixels) {
            throw new MediaRejected(ErrorCode.PAYLOAD_TOO_LARGE, "too_many_pixels", "The video frame is " + width + "×" + height);
        }
        double seconds = probe.path("format").path("duration").asDouble(video.path("duration").asDouble(0));
        long durationMs = Math.round(seconds * 1000);
        if (durationMs > maxLength.toMillis()) {
            throw new MediaRejected(ErrorCode.PAYLOAD_TOO_LARGE, "too_long",
                    "The video is " + durationMs / 1000 + " s long, over " + maxLength.toSeconds() + " s");
        }
        int rotation = Math.abs(rotation(video)) % 180 == 90 ? 1 : 0;
        return new Inspection(rotation == 1 ? height : width, rotation == 1 ? width : height, durationMs, null);
    }

    private static int rotation(JsonNode video) {
        if (video.path("tags").has("rotate")) {
            return video.path("tags").path("rotate").asInt();
        }
        for (JsonNode side : video.path("side_data_list")) {
            if (side.has("rotation")) {
                return side.path("rotation").asInt();
            }
        }
        return 0;
    }
}
