package dev.twelvefactor.platform.bench;

import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** What the requests of one run ended as, and their latencies (1 µs to 1 min, 3 significant digits). */
final class Outcomes {

    /** The status recorded for a request that got no answer. */
    static final int NO_ANSWER = -1;
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);

    private final Recorder latencies = new Recorder(MAX_MICROS, 3);
    private final LongAdder ok = new LongAdder();
    private final LongAdder non2xx = new LongAdder();
    private final LongAdder errors = new LongAdder();

    void record(int status, long latencyNanos) {
        if (status == NO_ANSWER) {
            errors.increment();
        } else if (status / 100 == 2) {
            ok.increment();
        } else {
            non2xx.increment();
        }
        latencies.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(latencyNanos), MAX_MICROS));
    }

    LatencySummary summary(double seconds) {
        return LatencySummary.of(latencies.getIntervalHistogram(), ok.sum(), non2xx.sum(), errors.sum(), seconds);
    }
}
