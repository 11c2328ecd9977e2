/**
 * User profiles: the caller, others by id, prefix search, profile updates.
 */
package dev.tangle.api.users;
