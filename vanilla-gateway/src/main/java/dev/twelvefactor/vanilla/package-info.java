/**
 * A Spring Cloud Gateway as it comes, for the gateway benchmark only.
 */
package dev.twelvefactor.vanilla;
