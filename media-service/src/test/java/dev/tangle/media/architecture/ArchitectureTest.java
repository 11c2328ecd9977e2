package dev.tangle.media.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tangle.common.test.Architecture;
import org.junit.jupiter.api.Test;

/** The layering of media-service: no package cycles; SQL only in repositories (common's {@link Architecture}). */
class ArchitectureTest {

    private static final JavaClasses CLASSES = Architecture.classes("dev.tangle.media");

    @Test
    void packagesAreFreeOfCycles() {
        Architecture.noPackageCycles("dev.tangle.media").check(CLASSES);
    }

    @Test
    void databaseAccessOnlyInRepositories() {
        Architecture.databaseAccessOnlyInRepositories().check(CLASSES);
    }
}
