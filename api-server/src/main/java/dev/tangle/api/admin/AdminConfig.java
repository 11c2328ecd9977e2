package dev.tangle.api.admin;

import java.util.Arrays;
import java.util.List;

import dev.tangle.common.config.Settings;

/**
 * Operators.
 *
 * @param operators handles that are operators, comma separated; they become operators at start-up or when they
 *                  register later ({@code admin.operators}, default none). Further operators are made by SQL only
 *                  ({@code UPDATE users SET role = 'operator'}), never through the API.
 */
public record AdminConfig(List<String> operators) {

    public static AdminConfig from(Settings s) {
        return new AdminConfig(Arrays.stream(s.string("admin.operators", "").split(","))
                .map(String::trim).filter(h -> !h.isEmpty()).toList());
    }
}
