/** The {@code tangle bench} load and latency tool (a later issue; for now a placeholder command). */
package dev.tangle.tools.bench;
