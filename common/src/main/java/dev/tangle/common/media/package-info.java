/** The request/reply contract between media-service and api-server about media items and their attachments. */
package dev.tangle.common.media;
