/**
 * Comment trees of posts: create, edit, delete (tombstones), pages of replies down to a depth.
 */
package dev.tangle.api.community.comment;
