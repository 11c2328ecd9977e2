/**
 * Keyset pagination: {@code PageRequest} from {@code ?limit=&cursor=}, opaque {@code Cursor}s and {@code Page} ({@code {items, nextCursor}}).
 */
package dev.tangle.common.page;
