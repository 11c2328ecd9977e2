package dev.tangle.api.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tangle.common.test.Architecture;
import org.junit.jupiter.api.Test;

/** The layering of api-server: no package cycles; SQL only in repositories (common's {@link Architecture}). */
class ArchitectureTest {

    private static final JavaClasses CLASSES = Architecture.classes("dev.tangle.api");

    /** Each package is a slice, the composition root too: a feature never imports a package that imports it back. */
    @Test
    void packagesAreFreeOfCycles() {
        Architecture.noPackageCycles("dev.tangle.api").check(CLASSES);
    }

    /** A statement is made only by a {@code *Repository} class or one marked {@code @Repository}. */
    @Test
    void databaseAccessOnlyInRepositories() {
        Architecture.databaseAccessOnlyInRepositories().check(CLASSES);
    }
}
