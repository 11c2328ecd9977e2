/**
 * Receiving files: {@code POST /v1/media} and tus under {@code /v1/uploads}. Bodies stream to staging files (never
 * whole in memory), are typed from their bytes and inspected before one transaction commits the row and its job.
 * Quota and upload rate ({@link dev.tangle.media.upload.Limits}) are checked before a byte is read; the
 * {@link dev.tangle.media.upload.Sweeper} removes abandoned uploads, orphan blobs and stale staging files. SQL of
 * uploads and quota: {@link dev.tangle.media.upload.UploadRepository}.
 */
package dev.tangle.media.upload;
