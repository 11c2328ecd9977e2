package dev.tangle.common.test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.tangle.common.db.Repository;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering rules every module's {@code ArchitectureTest} checks on its own main classes (ArchUnit):
 * <ul>
 *   <li><b>no package cycles</b>: every package of the module is a slice, its root package (the composition root:
 *       {@code Main}, the config) included, so a feature that imports the root, or two features importing each
 *       other, fail;</li>
 *   <li><b>database access only in repositories</b>: a class that creates a statement on Helidon's DB client, or
 *       uses JDBC, Hikari, the PostgreSQL driver or Flyway, is a repository: its name ends in {@code Repository},
 *       it is marked {@link Repository}, or it is nested in such a class. A module may name further places
 *       (common's {@code db} bootstrap, the tools that inspect a database as an operator).</li>
 * </ul>
 */
public final class Architecture {

    /** Packages whose types mean talking to the database directly. */
    private static final List<String> DATABASE_PACKAGES =
            List.of("java.sql..", "javax.sql..", "com.zaxxer.hikari..", "org.postgresql..", "org.flywaydb..");

    /** Creating or running a statement on Helidon's DB client ({@code createQuery}, {@code namedGet}, ...). */
    public static final DescribedPredicate<JavaMethodCall> STATEMENT = DescribedPredicate.describe(
            "creates a database statement", Architecture::isStatement);

    /** A class that may own SQL. */
    public static final DescribedPredicate<JavaClass> REPOSITORY = DescribedPredicate.describe(
            "a repository (named *Repository, marked @Repository, or nested in one)", Architecture::isRepository);

    private static final Set<String> STATEMENT_METHODS = Set.of("namedQuery", "namedGet", "namedInsert",
            "namedUpdate", "namedDelete", "namedDml", "query", "dml", "insert", "update", "delete");

    private Architecture() {
    }

    /** The main classes of the module whose packages start with {@code rootPackage} (tests excluded). */
    public static JavaClasses classes(String rootPackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
                .importPackages(rootPackage);
    }

    /** Each package under {@code rootPackage}, the root itself included, is a slice; slices form no cycle. */
    public static ArchRule noPackageCycles(String rootPackage) {
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                if (pkg.equals(rootPackage)) {
                    return SliceIdentifier.of(rootPackage);
                }
                return pkg.startsWith(rootPackage + ".") ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages of " + rootPackage;
            }
        }).should().beFreeOfCycles().because("a package never imports a package that imports it back");
    }

    /**
     * SQL only in repositories.
     *
     * @param alsoAllowedIn packages (ArchUnit syntax, {@code "..db.."}) or fully qualified class names where database
     *                      access is allowed as well; each use must be explained where it is passed
     */
    public static ArchRule databaseAccessOnlyInRepositories(String... alsoAllowedIn) {
        List<String> allowed = Arrays.asList(alsoAllowedIn);
        DescribedPredicate<JavaClass> exempt = DescribedPredicate.describe("allowed to access the database",
                c -> isRepository(c) || allowed.stream().anyMatch(a -> matches(c, a)));
        return noClasses().that(DescribedPredicate.not(exempt))
                .should().callMethodWhere(STATEMENT)
                .orShould().dependOnClassesThat().resideInAnyPackage(DATABASE_PACKAGES.toArray(String[]::new))
                .because("SQL belongs in the feature's repository")
                .allowEmptyShould(true);
    }

    private static boolean matches(JavaClass c, String allowed) {
        if (allowed.contains("..")) {
            return com.tngtech.archunit.core.domain.PackageMatcher.of(allowed).matches(c.getPackageName());
        }
        return topLevel(c).getName().equals(allowed);
    }

    private static boolean isRepository(JavaClass c) {
        for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
            if (k.getSimpleName().endsWith("Repository") || k.isAnnotatedWith(Repository.class)) {
                return true;
            }
        }
        return false;
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass k = c;
        while (k.getEnclosingClass().isPresent()) {
            k = k.getEnclosingClass().get();
        }
        return k;
    }

    private static boolean isStatement(JavaMethodCall call) {
        JavaClass owner = call.getTargetOwner();
        if (!owner.getPackageName().startsWith("io.helidon.dbclient")) {
            return false;
        }
        String name = call.getName();
        return name.startsWith("create") && !owner.getSimpleName().endsWith("Builder")
               || STATEMENT_METHODS.contains(name)
               || name.equals("get") && owner.getSimpleName().startsWith("DbExecute");
    }
}
