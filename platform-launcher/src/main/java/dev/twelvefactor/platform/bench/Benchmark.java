package dev.twelvefactor.platform.bench;

import dev.twelvefactor.platform.process.Platform;

/** One section of the report, measured on a platform started for it alone. */
interface Benchmark {

    String title();

    /** Measures and returns the section's Markdown (tables and a line on how it was measured). */
    String run(Platform platform, BenchContext context) throws Exception;
}
