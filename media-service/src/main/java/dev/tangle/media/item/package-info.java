/**
 * The media item (table {@code media}), its variants and the events and job it writes to the outbox. Status moves
 * {@code processing → ready | failed}, or to {@code deleted}; only the guarded updates of
 * {@link dev.tangle.media.item.MediaRepository} change it, so each transition (and its event) happens once.
 */
package dev.tangle.media.item;
