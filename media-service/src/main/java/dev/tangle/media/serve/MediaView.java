package dev.tangle.media.serve;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tangle.media.item.MediaItem;
import dev.tangle.media.item.Variant;

/** The wire shape of a media item (API.md): variants carry signed URLs; {@code location} only for the owner. */
public final class MediaView {

    private MediaView() {
    }

    public static Map<String, Object> of(MediaItem m, boolean owner, UrlSigner signer) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id().toString());
        out.put("ownerId", m.ownerId().toString());
        out.put("kind", m.kind());
        out.put("contentType", m.contentType());
        out.put("size", m.size());
        out.put("status", m.status());
        if (m.failure() != null && owner) {
            out.put("failure", m.failure());
        }
        out.put("width", m.width());
        out.put("height", m.height());
        out.put("durationMs", m.durationMs());
        out.put("blurhash", m.blurhash());
        Map<String, Object> variants = new LinkedHashMap<>();
        for (Map.Entry<String, Variant> e : m.variants().entrySet()) {
            Variant v = e.getValue();
            Map<String, Object> variant = new LinkedHashMap<>();
            variant.put("url", signer.url(m.id(), e.getKey()));
            variant.put("width", v.width());
            variant.put("height", v.height());
            variant.put("contentType", v.contentType());
            variants.put(e.getKey(), variant);
        }
        out.put("variants", variants);
        out.put("location", owner && m.location() != null
                ? Map.of("lat", m.location().lat(), "lon", m.location().lon()) : null);
        if (owner && m.filename() != null) {
            out.put("filename", m.filename());
        }
        out.put("createdAt", m.createdAt().toString());
        return out;
    }
}
