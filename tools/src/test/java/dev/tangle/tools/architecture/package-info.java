/**
 * The architecture test of tools, on the shared rules of {@code dev.tangle.common.test.Architecture}: no
 * package cycles, database access only in repositories (docs/adr/0130).
 */
package dev.tangle.tools.architecture;
