package dev.tangle.media.inspect;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decides what a file is from its first bytes, never from its name or declared type: JPEG, PNG, GIF, WebP,
 * HEIC/HEIF images; MP4, MOV and WebM videos. Anything else (HTML, SVG, scripts, archives …) is not media.
 */
public final class Sniffer {

    /** Bytes needed to decide. */
    public static final int HEAD_BYTES = 64;

    private Sniffer() {
    }

    /**
     * @param kind        {@code image} or {@code video}
     * @param contentType the canonical type
     * @param extension   file extension for tools that want one
     */
    public record Detected(String kind, String contentType, String extension) {
        public boolean image() {
            return "image".equals(kind);
        }
    }

    public static Optional<Detected> detect(byte[] head, int length) {
        if (starts(head, length, 0xFF, 0xD8, 0xFF)) {
            return image("image/jpeg", "jpg");
        }
        if (starts(head, length, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return image("image/png", "png");
        }
        if (ascii(head, length, 0, "GIF87a") || ascii(head, length, 0, "GIF89a")) {
            return image("image/gif", "gif");
        }
        if (ascii(head, length, 0, "RIFF") && ascii(head, length, 8, "WEBP")) {
            return image("image/webp", "webp");
        }
        if (ascii(head, length, 4, "ftyp") && length >= 12) {
            String brand = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
            switch (brand) {
                case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1" -> {
                    return image("image/heic", "heic");
                }
                case "qt  " -> {
                    return video("video/quicktime", "mov");
                }
                case "isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "dash", "3gp4", "3gp5" -> {
                    return video("video/mp4", "mp4");
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (starts(head, length, 0x1A, 0x45, 0xDF, 0xA3)
            && new String(head, 0, length, StandardCharsets.ISO_8859_1).contains("webm")) {
            return video("video/webm", "webm");
        }
        return Optional.empty();
    }

    private static Optional<Detected> image(String type, String ext) {
        return Optional.of(new Detected("image", type, ext));
    }

    private static Optional<Detected> video(String type, String ext) {
        return Optional.of(new Detected("video", type, ext));
    }

    private static boolean starts(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] head, int length, int offset, String text) {
        if (length < offset + text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (head[offset + i] != (byte) text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
