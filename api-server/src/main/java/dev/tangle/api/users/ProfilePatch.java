package dev.tangle.api.users;

import java.util.UUID;

/**
 * Changes of {@code PATCH /v1/users/me}; a null field is left as it is.
 *
 * @param displayName   new display name, or null
 * @param bio           new bio, or null
 * @param avatarGiven   whether {@code avatarMediaId} was sent (null then clears the avatar)
 * @param avatarMediaId new avatar media id, or null
 */
public record ProfilePatch(String displayName, String bio, boolean avatarGiven, UUID avatarMediaId) {

    public boolean isEmpty() {
        return displayName == null && bio == null && !avatarGiven;
    }
}
