package dev.tangle.tools.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tangle.common.test.Architecture;
import org.junit.jupiter.api.Test;

/** The layering of the tools: no package cycles; JDBC only where a tool inspects the database as an operator. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = Architecture.classes("dev.tangle.tools");

    @Test
    void packagesAreFreeOfCycles() {
        Architecture.noPackageCycles("dev.tangle.tools").check(CLASSES);
    }

    /**
     * The tools own no schema and have no repositories. They reach PostgreSQL directly in three places only: the
     * benchmarks seed and count rows ({@code bench}), the fault suite checks that outboxes drain ({@code chaos}),
     * and the dev stack creates its database ({@code DevPostgres}). The launcher, the web edge and the command line
     * never do.
     */
    @Test
    void databaseAccessOnlyInRepositories() {
        Architecture.databaseAccessOnlyInRepositories("dev.tangle.tools.bench..", "dev.tangle.tools.chaos..",
                "dev.tangle.tools.dev.DevPostgres").check(CLASSES);
    }
}
