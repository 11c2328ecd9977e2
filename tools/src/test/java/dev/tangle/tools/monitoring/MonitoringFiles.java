package dev.tangle.tools.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.yaml.snakeyaml.Yaml;

import dev.tangle.common.json.Json;

/**
 * The monitoring configuration under {@code compose/}: Prometheus' config and rule files and Grafana's dashboards,
 * with every PromQL expression they hold, by where it is.
 */
public final class MonitoringFiles {

    private final Path compose;

    public MonitoringFiles(Path repo) {
        this.compose = repo.resolve("compose");
    }

    public Path prometheusConfig() {
        return compose.resolve("prometheus/prometheus.yml");
    }

    public List<Path> ruleFiles() {
        return list(compose.resolve("prometheus/rules"), ".yml");
    }

    public List<Path> dashboards() {
        return list(compose.resolve("grafana/dashboards"), ".json");
    }

    /** Expression by "file: rule or panel title". */
    public Map<String, String> expressions() {
        Map<String, String> all = new LinkedHashMap<>();
        for (Path file : ruleFiles()) {
            for (Map<String, Object> rule : rules(file)) {
                String name = String.valueOf(rule.getOrDefault("record", rule.get("alert")));
                all.put(file.getFileName() + ": " + name, String.valueOf(rule.get("expr")));
            }
        }
        for (Path file : dashboards()) {
            JsonNode dashboard = read(file);
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    all.put(file.getFileName() + ": " + panel.path("title").asText() + " (" + target.path("refId").asText() + ")",
                            target.path("expr").asText());
                }
            }
        }
        return all;
    }

    /** Names the recording rules define (they exist once Prometheus evaluates them). */
    public Set<String> recordedNames() {
        Set<String> names = new TreeSet<>();
        ruleFiles().forEach(f -> rules(f).stream().filter(r -> r.containsKey("record"))
                .forEach(r -> names.add(String.valueOf(r.get("record")))));
        return names;
    }

    public List<String> alertNames() {
        List<String> names = new ArrayList<>();
        ruleFiles().forEach(f -> rules(f).stream().filter(r -> r.containsKey("alert"))
                .forEach(r -> names.add(String.valueOf(r.get("alert")))));
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules(Path file) {
        try {
            Map<String, Object> doc = new Yaml().load(Files.readString(file));
            List<Map<String, Object>> rules = new ArrayList<>();
            for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
                rules.addAll((List<Map<String, Object>>) group.get("rules"));
            }
            return rules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return Json.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
