/**
 * The chat contract owned by api-server: {@link dev.tangle.common.contract.chat.ChatContract} (the
 * {@code tangle.svc.chat.*} operations, queue group {@code api-server}), the API objects
 * {@link dev.tangle.common.contract.chat.Message} and {@link dev.tangle.common.contract.chat.Conversation}, and
 * the payloads of the {@code tangle.evt.chat.*} events ({@link dev.tangle.common.contract.chat.ChatEventData}).
 */
package dev.tangle.common.contract.chat;
