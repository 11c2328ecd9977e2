/**
 * Who may see a media item through what attaches it: {@code tangle.svc.attachment.can-view} for media-service,
 * answered with the feed's and chat's reading rules (docs/adr/0082).
 */
package dev.tangle.api.attachments;
