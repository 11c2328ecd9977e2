/**
 * Messages: sends (validated once in {@code SendCommand}, group-committed by {@code MessageWriter}), history, edits, tombstones, reactions.
 */
package dev.tangle.api.chat.message;
