package dev.tangle.api.chat.conversation;

import java.util.Map;
import java.util.UUID;

import dev.tangle.common.contract.chat.Message;
import io.helidon.dbclient.DbExecute;

/**
 * The newest message of each conversation, with the viewer's reactions: what a conversation list shows. Provided by
 * the message feature (which depends on conversations, not the other way round).
 */
@FunctionalInterface
public interface LastMessages {

    Map<UUID, Message> of(DbExecute db, Map<UUID, Long> lastSeqs, UUID viewer);
}
