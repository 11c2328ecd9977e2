/**
 * What every sub-command of {@code tangle} shares: the {@link dev.tangle.tools.cli.Command} interface and its
 * dispatch ({@link dev.tangle.tools.cli.Commands}), {@link dev.tangle.tools.cli.CliException} (a failure the user can
 * act on, printed as one message; anything else is a bug and shows its stack trace) and the four
 * {@link dev.tangle.tools.cli.Service}s the commands start and address (module, port offset, URL variable).
 */
package dev.tangle.tools.cli;
