/**
 * The {@code tangle} command line: a {@link dev.tangle.tools.Command} per sub-command, dispatched by
 * {@link dev.tangle.tools.Commands}. A {@link dev.tangle.tools.CliException} is a failure the user can act on and is
 * printed as one message; anything else is a bug and shows its stack trace.
 */
package dev.tangle.tools;
