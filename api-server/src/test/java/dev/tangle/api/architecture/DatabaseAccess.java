package dev.tangle.api.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;

/** What counts as database access for the architecture tests. */
final class DatabaseAccess {

    /** Creating a statement on a Helidon DB client or transaction ({@code createQuery}, {@code createGet} ...). */
    static final DescribedPredicate<JavaMethodCall> STATEMENT = DescribedPredicate.describe(
            "creates a database statement",
            call -> call.getTargetOwner().getPackageName().startsWith("io.helidon.dbclient")
                    && (call.getName().startsWith("create") || call.getName().equals("namedQuery")
                        || call.getName().equals("query") || call.getName().equals("dml")
                        || call.getName().equals("get") && call.getTargetOwner().getSimpleName().startsWith("DbExecute")));

    private DatabaseAccess() {
    }
}
