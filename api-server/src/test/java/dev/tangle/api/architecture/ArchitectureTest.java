package dev.tangle.api.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tangle.common.db.Repository;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layering of api-server: no package cycles; SQL only in repositories. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tangle.api", "dev.tangle.common");

    /** Each package is a slice: a feature never imports a package that imports it back. */
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.tangle.api.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    /** A statement is made only by a {@code *Repository} class or one marked {@link Repository}. */
    @Test
    void databaseAccessOnlyInRepositories() {
        noClasses().that().haveSimpleNameNotEndingWith("Repository")
                .and().areNotAnnotatedWith(Repository.class)
                .and().resideOutsideOfPackage("dev.tangle.common..")
                .should().callMethodWhere(DatabaseAccess.STATEMENT)
                .orShould().dependOnClassesThat().resideInAPackage("java.sql..")
                .because("SQL belongs in the feature's repository")
                .check(CLASSES);
    }
}
