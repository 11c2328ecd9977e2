/**
 * Receiving files: {@code POST /v1/media} and tus under {@code /v1/uploads}. Bodies stream to staging files (never
 * whole in memory), are typed from their bytes and inspected before one transaction commits the row and its job.
 * Quota and upload rate are checked before a byte is read.
 */
package dev.tangle.media.upload;
