package dev.tangle.socket.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tangle.common.test.Architecture;
import org.junit.jupiter.api.Test;

/** The layering of socket-server: no package cycles; no database access at all (it has no repositories). */
class ArchitectureTest {

    private static final JavaClasses CLASSES = Architecture.classes("dev.tangle.socket");

    @Test
    void packagesAreFreeOfCycles() {
        Architecture.noPackageCycles("dev.tangle.socket").check(CLASSES);
    }

    @Test
    void databaseAccessOnlyInRepositories() {
        Architecture.databaseAccessOnlyInRepositories().check(CLASSES);
    }
}
