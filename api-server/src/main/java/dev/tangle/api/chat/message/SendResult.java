package dev.tangle.api.chat.message;

import dev.tangle.common.contract.chat.Message;

/**
 * The outcome of a send.
 *
 * @param message the committed message (the original one for a retried clientMsgId)
 * @param created true if this send created it, false if it returned an earlier one
 */
public record SendResult(Message message, boolean created) {
}
