package dev.tangle.api.groups;

import java.time.Instant;
import java.util.UUID;

/**
 * A group as the caller sees it: {@code {id, name, description, visibility, myRole, memberCount, createdAt}}.
 *
 * @param id          group id
 * @param name        name
 * @param description description, possibly empty
 * @param visibility  public or private
 * @param myRole      the caller's role (owner, admin, member), or null if not a member
 * @param memberCount number of members
 * @param createdAt   when it was created
 */
public record Group(UUID id, String name, String description, String visibility, String myRole, long memberCount,
                    Instant createdAt) {

    @com.fasterxml.jackson.annotation.JsonIgnore // not part of the group object (docs/api.md): visibility says it
    public boolean isPublic() {
        return "public".equals(visibility);
    }
}
