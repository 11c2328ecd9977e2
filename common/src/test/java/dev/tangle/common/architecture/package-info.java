/** The architecture test of common, on the shared rules of {@link dev.tangle.common.test.Architecture}. */
package dev.tangle.common.architecture;
