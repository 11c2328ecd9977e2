/**
 * Reading, serving and deleting media: who may see an item (the owner, or whoever api-server says can see a post
 * or message attaching it; everyone else 404), signed expiring content URLs, ETag/Range/Cache-Control, and the
 * {@code tangle.svc.media.lookup} answers api-server uses for attachments.
 */
package dev.tangle.media.serve;
