/**
 * Posts: create, read, edit, delete, their visibility rules ({@code PostAccess}) and their own events.
 */
package dev.tangle.api.community.post;
