package dev.tangle.tools.dev;

/**
 * How services reach PostgreSQL.
 *
 * @param url      JDBC URL
 * @param user     user
 * @param password password, empty for the embedded server (it trusts local connections)
 */
public record DbConnection(String url, String user, String password) {
}
