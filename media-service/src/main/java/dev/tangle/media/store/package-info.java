/**
 * Blob storage behind {@link dev.tangle.media.store.BlobStore}: the local filesystem (default) or S3. Keys are
 * id-addressed: {@code media/<mediaId>/<variant>} for a media item's bytes, {@code uploads/<uploadId>/<offset>}
 * for the received chunks of an unfinished tus upload. The store knows no rows: {@code upload.Sweeper} removes what
 * no row owns any more.
 */
package dev.tangle.media.store;
