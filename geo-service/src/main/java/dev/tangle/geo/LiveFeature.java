package dev.tangle.geo;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.http.ServiceInfra;
import dev.tangle.geo.GeoConfig.GeoSettings;
import dev.tangle.geo.location.Coalescer;
import dev.tangle.geo.location.LiveStatus;
import dev.tangle.geo.location.LocationHttpService;
import dev.tangle.geo.location.LocationNatsService;
import dev.tangle.geo.location.LocationService;
import dev.tangle.geo.location.LocationStore;
import dev.tangle.geo.location.PresenceReader;
import dev.tangle.geo.place.PlaceHttpService;
import dev.tangle.geo.place.PlaceIndex;
import dev.tangle.geo.place.PlaceRepository;
import dev.tangle.geo.place.PlaceService;
import dev.tangle.geo.place.PlaceTracker;
import dev.tangle.geo.safety.SafetyHttpService;
import dev.tangle.geo.safety.SafetyRepository;
import dev.tangle.geo.safety.SafetyService;
import dev.tangle.geo.safety.SafetyTimers;
import dev.tangle.geo.share.ShareHttpService;
import dev.tangle.geo.share.ShareRepository;
import dev.tangle.geo.share.ShareService;
import dev.tangle.geo.share.SocialListener;
import dev.tangle.geo.share.ViewerCache;
import dev.tangle.geo.support.ApiClient;
import dev.tangle.geo.support.GeoFeature;
import dev.tangle.geo.support.GeoMetrics;
import dev.tangle.geo.support.Pushes;
import io.helidon.webserver.http.HttpRouting;
import io.nats.client.Connection;

/**
 * Live location sharing, places and alerts, SOS and check-ins, wired by constructor (docs/adr/0090–0094).
 *
 * @param shares   share rules (exposed for tests)
 * @param timers   the due-row poller (exposed for tests)
 * @param social   the social-graph consumers
 */
public record LiveFeature(TokenVerifier verifier, ShareService shares, LocationService locations, LiveStatus live,
                          PlaceService places, SafetyService safety, SafetyTimers timers, SocialListener social)
        implements GeoFeature {

    public static LiveFeature start(ServiceInfra infra, GeoSettings s, TokenVerifier verifier) {
        Clock clock = Clock.systemUTC();
        Connection nats = infra.nats().connection();
        var lifecycle = infra.lifecycle();
        GeoMetrics metrics = new GeoMetrics(infra.metrics());
        ApiClient api = new ApiClient(nats, s.requestTimeout());
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1,
                Thread.ofPlatform().daemon().name("geo-scheduler").factory());
        lifecycle.onStop("geo scheduler", scheduler::shutdownNow);

        ShareRepository shareRepository = new ShareRepository();
        ViewerCache cache = new ViewerCache(infra.db(), shareRepository, nats, clock, s.viewerCacheTtl());
        lifecycle.onStop("viewer cache", cache);
        ShareService shares = new ShareService(infra.db(), infra.outbox(), shareRepository, cache, api, clock);
        SocialListener social = new SocialListener(nats, shares);
        lifecycle.onStop("social consumers", social);

        PlaceRepository placeRepository = new PlaceRepository();
        PlaceIndex index = new PlaceIndex(s.placeMarginM());
        PlaceService places = new PlaceService(infra.db(), infra.outbox(), placeRepository, index, api, nats, clock);
        lifecycle.onStop("place index", places);
        PlaceTracker tracker = new PlaceTracker(infra.db(), infra.outbox(), placeRepository, index, metrics, s.placeMarginM());

        lifecycle.onStop("place tracker", tracker);
        LocationStore store = new LocationStore(nats, s.locationStoreEvery());
        lifecycle.onStop("location store", store);
        LocationService locations = new LocationService(store, cache, shares, tracker, new Pushes(nats), metrics, clock,
                s.processingConcurrency(), processor -> new Coalescer(s.minUpdateInterval(), scheduler, processor));
        scheduler.scheduleWithFixedDelay(locations::prune, 1, 1, TimeUnit.MINUTES);
        scheduler.scheduleWithFixedDelay(locations::flushTouches, 1, 1, TimeUnit.SECONDS);
        LiveStatus live = new LiveStatus(shares, store, new PresenceReader(nats), clock, s.staleAfter(), s.lowBatteryPct());

        SafetyService safety = new SafetyService(infra.db(), infra.outbox(), new SafetyRepository(), shares, store, api, clock,
                s.defaultEscalation());
        SafetyTimers timers = new SafetyTimers(infra.db(), infra.outbox(), new SafetyRepository(), shares, store, api, metrics,
                s.staleAfter(), live::reasonFor, nats);
        lifecycle.onStop("safety timers", timers);
        timers.schedule(scheduler, s.timerPollInterval());

        lifecycle.onStop("geo nats service", LocationNatsService.start(nats, infra.metrics().registry(), locations,
                s.serviceConcurrency()));
        metrics.gauge("places.indexed", "Places in this instance's index", index::size);
        metrics.gauge("locations.unstored", "Last locations written but not yet acknowledged by the bucket", store::unstoredCount);
        metrics.gauge("shares.cached", "Sharers whose audience this instance holds", cache::size);
        metrics.gauge("shares.active", "Active location shares", () -> shares.activeCount());
        return new LiveFeature(verifier, shares, locations, live, places, safety, timers, social);
    }

    /** Whether the durable consumers are attached (tests wait for it). */
    public boolean ready() {
        return social.ready() && timers.ready();
    }

    @Override
    public void routing(HttpRouting.Builder routing) {
        routing.register(new ShareHttpService(verifier, shares))
                .register(new LocationHttpService(verifier, locations, live))
                .register(new PlaceHttpService(verifier, places))
                .register(new SafetyHttpService(verifier, safety));
    }
}
