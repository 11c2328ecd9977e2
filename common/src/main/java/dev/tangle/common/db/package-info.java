/**
 * PostgreSQL access: the pool and transactions ({@code Database}), row helpers, what a failure means to a client ({@code DbFailures}) and the {@code @Repository} marker of classes that own SQL.
 */
package dev.tangle.common.db;
