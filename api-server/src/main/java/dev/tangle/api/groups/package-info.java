/**
 * Groups, their members and roles.
 */
package dev.tangle.api.groups;
