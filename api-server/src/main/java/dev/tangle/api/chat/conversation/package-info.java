/**
 * Conversations (direct, group, channel, canvas) and their members, channel sync with groups.
 */
package dev.tangle.api.chat.conversation;
