/**
 * Client-side load balancing between instances: passive ejection of instances that refuse
 * connections or time out (let back in when they answer their liveness probe), and the
 * power of two choices over each instance's requests in flight and latency.
 */
package dev.twelvefactor.support.loadbalancer;
