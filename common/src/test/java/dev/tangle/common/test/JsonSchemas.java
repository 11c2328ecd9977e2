package dev.tangle.common.test;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.tangle.common.json.Json;

/** JSON Schema 2020-12 validation (com.networknt) for the contract tests. */
public final class JsonSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private JsonSchemas() {
    }

    /** A compiled schema; {@code $ref}s with a {@code #/...} pointer resolve inside this same document. */
    public static Schema compile(JsonNode schema) {
        return REGISTRY.getSchema(Json.writeString(schema), InputFormat.JSON);
    }

    /** The violations of a value, each as "{@code <instance location>: <message>}"; empty when it is valid. */
    public static List<String> violations(Schema schema, JsonNode value) {
        return schema.validate(value).stream().map(JsonSchemas::describe).toList();
    }

    private static String describe(Error error) {
        return error.getInstanceLocation() + ": " + error.getMessage();
    }
}
