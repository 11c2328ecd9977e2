package dev.tangle.common.db;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class that owns SQL although its name does not end in {@code Repository} (a feature's query object, a
 * batched writer). The architecture tests allow database access only in {@code *Repository} classes and in classes
 * marked with this; everything else goes through them.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Repository {
}
