package dev.tangle.common.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tangle.common.test.Architecture;
import org.junit.jupiter.api.Test;

/** The layering of common: no package cycles; SQL only in repositories and the database bootstrap. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = Architecture.classes("dev.tangle.common");

    @Test
    void packagesAreFreeOfCycles() {
        Architecture.noPackageCycles("dev.tangle.common").check(CLASSES);
    }

    /** {@code db} is the database bootstrap (pool, migrations, failure mapping): it is where JDBC lives. */
    @Test
    void databaseAccessOnlyInRepositories() {
        Architecture.databaseAccessOnlyInRepositories("dev.tangle.common.db..").check(CLASSES);
    }
}
