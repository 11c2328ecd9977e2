package dev.tangle.media.store;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where media bytes live, by key ({@code media/<id>/<variant>}, {@code uploads/<id>/<offset>}): the local
 * filesystem or an S3 bucket. Writes are whole objects from a local file; a reader asks for a byte range.
 */
public interface BlobStore extends AutoCloseable {

    /** Stores the file's bytes under the key, replacing what was there (an object appears whole or not at all). */
    void put(String key, Path file, String contentType);

    /** Size and modification time, if the key exists. */
    Optional<BlobInfo> stat(String key);

    /** Bytes {@code [offset, offset + length)} of the object. */
    InputStream open(String key, long offset, long length);

    /** Copies the whole object to a local file. */
    void download(String key, Path target);

    /** Removes the object; a missing key is not an error. */
    void delete(String key);

    /** Every object whose key starts with the prefix, in key order. */
    List<BlobInfo> list(String prefix);

    /** Removes every object under the prefix. */
    default void deleteAll(String prefix) {
        for (BlobInfo blob : list(prefix)) {
            delete(blob.key());
        }
    }

    @Override
    default void close() {
    }

    /**
     * @param key          the object key
     * @param size         bytes
     * @param lastModified when it was written
     */
    record BlobInfo(String key, long size, Instant lastModified) {
    }
}
