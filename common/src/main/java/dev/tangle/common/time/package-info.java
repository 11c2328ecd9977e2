/** Time values on the wire: {@link dev.tangle.common.time.UtcInstants}, the fast ISO-8601 UTC parse. */
package dev.tangle.common.time;
