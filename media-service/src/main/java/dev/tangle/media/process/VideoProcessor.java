package dev.tangle.media.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tangle.common.error.ErrorCode;
import dev.tangle.media.inspect.Ffmpeg;
import dev.tangle.media.inspect.Inspection;
import dev.tangle.media.inspect.MediaRejected;
import dev.tangle.media.inspect.VideoInspector;
import dev.tangle.media.vips.Vips;
import dev.tangle.media.vips.VipsImage;

/**
 * Video variants with ffmpeg: a web-playable {@code video} (H.264 High / AAC in MP4, ≤ 1280 px, fast start) and a
 * {@code poster} JPEG from the first second, both with {@code -map_metadata -1} (no container or stream metadata,
 * no GPS atoms) and the poster re-encoded by libvips with {@code strip}. The whole job is bounded by the time limit.
 */
public final class VideoProcessor {

    private static final int MAX_SIDE = 1280;

    private final Ffmpeg ffmpeg;
    private final VideoInspector inspector;
    private final ImageProcessor images;
    private final Vips vips;
    private final Duration timeout;

    public VideoProcessor(Ffmpeg ffmpeg, VideoInspector inspector, ImageProcessor images, Vips vips, Duration timeout) {
        this.ffmpeg = ffmpeg;
        this.inspector = inspector;
        this.images = images;
        this.vips = vips;
        this.timeout = timeout;
    }

    public record Result(Map<String, ImageProcessor.Rendition> variants, String blurhash, int width, int height,
                         long durationMs) {
    }

    public Result process(Path original, Path workDir) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Inspection probe = inspector.inspect(original);
        Path video = workDir.resolve("video.mp4");
        Path frame = workDir.resolve("frame.jpg");
        Path poster = workDir.resolve("poster.jpg");
        String scale = "scale='if(gt(iw,ih),min(" + MAX_SIDE + ",iw),-2)':'if(gt(iw,ih),-2,min(" + MAX_SIDE + ",ih))',"
                       + "scale=trunc(iw/2)*2:trunc(ih/2)*2,format=yuv420p";
        try {
            ffmpeg.ffmpeg(List.of("-i", original.toString(), "-map_metadata", "-1", "-map_chapters", "-1",
                    "-map", "0:v:0", "-map", "0:a:0?", "-vf", scale, "-c:v", "libx264", "-preset", "veryfast",
                    "-crf", "26", "-profile:v", "high", "-c:a", "aac", "-b:a", "128k", "-ac", "2",
                    "-movflags", "+faststart", "-metadata:s", "handler_name=", video.toString()), left(deadline));
            double at = probe.durationMs() != null && probe.durationMs() > 2000 ? 1.0 : 0.0;
            ffmpeg.ffmpeg(List.of("-ss", Double.toString(at), "-i", original.toString(), "-map_metadata", "-1",
                    "-frames:v", "1", "-q:v", "3", frame.toString()), left(deadline));
        } catch (Ffmpeg.Failed e) {
            throw new MediaRejected(ErrorCode.UNPROCESSABLE, "transcode_failed", "The video could not be converted");
        } catch (Ffmpeg.Timeout e) {
            throw new MediaRejected(ErrorCode.UNPROCESSABLE, "timeout", "The video took longer than " + timeout);
        }
        Map<String, ImageProcessor.Rendition> variants = new LinkedHashMap<>();
        String blurhash;
        int width;
        int height;
        try (VipsImage image = vips.thumbnail(frame, MAX_SIDE, MAX_SIDE, Vips.FAIL_ON_NONE)) {
            vips.saveJpeg(image, poster, 82);
            width = image.width();
            height = image.height();
            variants.put("poster", new ImageProcessor.Rendition(poster, "image/jpeg", width, height));
        }
        blurhash = images.blurhash(poster);
        variants.put("video", new ImageProcessor.Rendition(video, "video/mp4", width, height));
        return new Result(variants, blurhash, probe.width(), probe.height(), probe.durationMs());
    }

    private static Duration left(long deadline) {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw new MediaRejected(ErrorCode.UNPROCESSABLE, "timeout", "The video job ran out of time");
        }
        return Duration.ofNanos(nanos);
    }
}
