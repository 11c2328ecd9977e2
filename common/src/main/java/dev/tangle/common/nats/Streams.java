package dev.tangle.common.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;

/**
 * The JetStream streams and KV buckets of ARCHITECTURE.md, created at start-up by whichever service connects;
 * creating what already exists changes nothing, so any number of instances may race on it.
 */
public final class Streams {

    /** Durable domain events, de-duplicated by {@code Nats-Msg-Id} (the event id). */
    public static final String EVENTS = "TANGLE_EVENTS";
    /** Background work, each job delivered to one worker, with retries. */
    public static final String JOBS = "TANGLE_JOBS";
    /** Jobs that exhausted their retries, kept for inspection ({@code tangle.dlq.job.<kind>}). */
    public static final String DEAD_LETTERS = "TANGLE_DLQ";
    public static final String PRESENCE_BUCKET = "tangle_presence";
    public static final String LOCATION_BUCKET = "tangle_location";

    /** How long a re-published event id is recognised as a duplicate. */
    private static final System.Logger LOG = System.getLogger(Streams.class.getName());
    private static final int OPEN_PATIENCE_SECONDS = 30;
    public static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(10);

    /** The JetStream stream behind every stream and bucket {@link #ensure} creates (a bucket's is {@code KV_<name>}). */
    static final List<String> ALL = List.of(EVENTS, JOBS, DEAD_LETTERS, "KV_" + PRESENCE_BUCKET, "KV_" + LOCATION_BUCKET);

    private Streams() {
    }

    /**
     * Opens a bucket {@link #ensure} made, retrying for up to {@value #OPEN_PATIENCE_SECONDS} s while JetStream does
     * not answer in time: at start-up on a busy machine its answer took longer than jnats' 2 s request timeout, and
     * the service exited.
     */
    public static KeyValue bucket(Connection connection, String name) {
        long deadline = System.nanoTime() + Duration.ofSeconds(OPEN_PATIENCE_SECONDS).toNanos();
        while (true) {
            try {
                return connection.keyValue(name);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Cannot open KV bucket " + name, e);
                }
                LOG.log(System.Logger.Level.INFO, "KV bucket " + name + " not opened yet, retrying: " + e.getMessage());
            }
        }
    }

    /** Which of {@link #ALL} the server does not have (lost with its store, or a memory stream after a restart). */
    static List<String> missing(Connection connection) throws IOException, JetStreamApiException {
        Set<String> present = new HashSet<>(connection.jetStreamManagement().getStreamNames());
        return ALL.stream().filter(name -> !present.contains(name)).toList();
    }

    static void ensure(Connection connection, int replicas) throws IOException, JetStreamApiException {
        JetStreamManagement jsm = connection.jetStreamManagement();
        ensureStream(jsm, StreamConfiguration.builder()
                .name(EVENTS)
                .subjects(Subjects.EVENTS_ALL)
                .storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.Limits)
                .maxAge(Duration.ofDays(7))
                .duplicateWindow(DUPLICATE_WINDOW)
                .replicas(replicas)
                .build());
        ensureStream(jsm, StreamConfiguration.builder()
                .name(JOBS)
                .subjects(Subjects.JOBS_ALL)
                .storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.WorkQueue)
                .duplicateWindow(DUPLICATE_WINDOW)
                .replicas(replicas)
                .build());
        ensureStream(jsm, StreamConfiguration.builder()
                .name(DEAD_LETTERS)
                .subjects(Subjects.DEAD_LETTERS_ALL)
                .storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.Limits)
                .maxAge(Duration.ofDays(30))
                .replicas(replicas)
                .build());
        KeyValueManagement kvm = connection.keyValueManagement();
        ensureBucket(kvm, KeyValueConfiguration.builder()
                .name(PRESENCE_BUCKET)
                .storageType(StorageType.Memory)
                .ttl(Duration.ofSeconds(90))
                .maxHistoryPerKey(1)
                .replicas(replicas)
                .build());
        ensureBucket(kvm, KeyValueConfiguration.builder()
                .name(LOCATION_BUCKET)
                .storageType(StorageType.File)
                .ttl(Duration.ofHours(24))
                .maxHistoryPerKey(1)
                .replicas(replicas)
                .build());
    }

    private static void ensureStream(JetStreamManagement jsm, StreamConfiguration config)
            throws IOException, JetStreamApiException {
        try {
            jsm.getStreamInfo(config.getName());
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() != 404) {
                throw e;
            }
            try {
                jsm.addStream(config);
            } catch (JetStreamApiException raced) {
                // another instance created it between our look-up and our create
                jsm.getStreamInfo(config.getName());
            }
        }
    }

    private static void ensureBucket(KeyValueManagement kvm, KeyValueConfiguration config)
            throws IOException, JetStreamApiException {
        try {
            kvm.getStatus(config.getBucketName());
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() != 404) {
                throw e;
            }
            try {
                kvm.create(config);
            } catch (JetStreamApiException raced) {
                kvm.getStatus(config.getBucketName());
            }
        }
    }
}
