/**
 * The {@code tangle} command line: {@link dev.tangle.tools.Tangle} lists the sub-commands (dev stack, start, reset,
 * chaos, bench) and dispatches to them through {@link dev.tangle.tools.cli.Commands}. Only the entry point lives
 * here; nothing imports it.
 */
package dev.tangle.tools;
