package dev.tangle.tools;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.tangle.tools.cli.CliException;
import dev.tangle.tools.cli.Command;
import dev.tangle.tools.cli.Commands;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Commands commands = new Commands(List.of(new Echo()),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void helpListsEveryCommand() {
        assertThat(commands.run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("echo <word>", "help");
    }

    @Test
    void theStandardCommandsAreListed() {
        ByteArrayOutputStream usage = new ByteArrayOutputStream();
        Tangle.commands().usage(new PrintStream(usage, true, StandardCharsets.UTF_8));
        assertThat(usage.toString(StandardCharsets.UTF_8)).contains("dev ", "reset ", "start <service> [--port N]", "bench ");
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() {
        assertThat(commands.run()).isEqualTo(Commands.USAGE);
        assertThat(commands.run("frobnicate")).isEqualTo(Commands.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'", "usage: tangle");
    }

    @Test
    void benchRejectsAnUnknownScenario() {
        assertThat(Tangle.commands().run("bench", "no-such-scenario")).isEqualTo(2);
        assertThat(Tangle.commands().run("bench")).isEqualTo(2);
    }

    @Test
    void argumentsReachTheCommandAndItsFailureIsOneLine() {
        assertThat(commands.run("echo", "hi")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hi" + System.lineSeparator());
        assertThat(commands.run("echo")).isEqualTo(Commands.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("tangle echo: needs a word" + System.lineSeparator());
    }

    private final class Echo implements Command {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public String arguments() {
            return "<word>";
        }

        @Override
        public String summary() {
            return "prints its word";
        }

        @Override
        public int run(List<String> args) {
            if (args.size() != 1) {
                throw new CliException("needs a word", Commands.USAGE);
            }
            new PrintStream(out, true, StandardCharsets.UTF_8).println(args.getFirst());
            return 0;
        }
    }
}
