package dev.tangle.api.community.shared;

/** What can be reacted to: the table and its target column. */
public enum ReactionTarget {
    POST("post_reactions", "post_id"), COMMENT("comment_reactions", "comment_id");

    private final String table;
    private final String column;

    ReactionTarget(String table, String column) {
        this.table = table;
        this.column = column;
    }

    /** The table of such reactions (trusted SQL identifier). */
    public String table() {
        return table;
    }

    /** Its column naming the target (trusted SQL identifier). */
    public String column() {
        return column;
    }
}
