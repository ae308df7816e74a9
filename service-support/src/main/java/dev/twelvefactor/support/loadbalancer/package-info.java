/**
 * Passive outlier ejection: instances that refuse connections are left out of load
 * balancing at once.
 */
package dev.twelvefactor.support.loadbalancer;
