package dev.tangle.common.health;

import java.util.Map;

/** A dependency whose answer decides readiness. Implementations must return quickly or throw. */
public interface HealthCheck {

    String name();

    Result check() throws Exception;

    /**
     * @param up      whether the dependency answers
     * @param details what was observed, shown in the readiness body
     */
    record Result(boolean up, Map<String, Object> details) {
        public static Result up(Map<String, Object> details) {
            return new Result(true, details);
        }

        public static Result down(Map<String, Object> details) {
            return new Result(false, details);
        }
    }
}
