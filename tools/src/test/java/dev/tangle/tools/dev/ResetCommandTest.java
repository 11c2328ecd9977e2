package dev.tangle.tools.dev;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.tangle.tools.cli.CliException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResetCommandTest {

    @Test
    void deletesTheStateDirectory(@TempDir Path temp) throws Exception {
        Path home = stateDir(temp);
        Files.createDirectories(home.resolve("pg/base"));
        Files.writeString(home.resolve("pg/base/1"), "data");

        assertThat(reset(home).run(List.of())).isZero();
        assertThat(home).doesNotExist();
    }

    @Test
    void refusesWhileADevStackRuns(@TempDir Path temp) throws Exception {
        Path home = stateDir(temp);
        Files.writeString(home.resolve("dev.pid"), ProcessHandle.current().pid() + "\n");

        assertThatThrownBy(() -> reset(home).run(List.of())).isInstanceOf(CliException.class)
                .hasMessageContaining("a dev stack is running (pid " + ProcessHandle.current().pid() + ")");
        assertThat(home.resolve(ResetCommand.MARKER)).exists();
    }

    @Test
    void aStalePidFileDoesNotBlockIt(@TempDir Path temp) throws Exception {
        Path home = stateDir(temp);
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        Files.writeString(home.resolve("dev.pid"), exited.pid() + "\n");

        assertThat(reset(home).run(List.of())).isZero();
        assertThat(home).doesNotExist();
    }

    @Test
    void leavesAlonADirectoryThatIsNotTangleState(@TempDir Path temp) throws Exception {
        Path home = Files.createDirectories(temp.resolve("precious"));
        Files.writeString(home.resolve("thesis.tex"), "years of work");

        assertThatThrownBy(() -> reset(home).run(List.of())).isInstanceOf(CliException.class)
                .hasMessageContaining("not deleting");
        assertThat(home.resolve("thesis.tex")).exists();
    }

    private static Path stateDir(Path temp) throws Exception {
        Path home = Files.createDirectories(temp.resolve(".tangle"));
        Files.writeString(home.resolve(ResetCommand.MARKER), "state\n");
        return home;
    }

    private static ResetCommand reset(Path home) {
        return new ResetCommand(Map.of("TANGLE_HOME", home.toString(), "TANGLE_REPO_DIR", home.getParent().toString()),
                new PrintStream(new ByteArrayOutputStream()));
    }
}
