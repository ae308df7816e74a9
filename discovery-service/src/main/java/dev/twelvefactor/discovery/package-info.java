/**
 * discovery-service: the Eureka server every instance registers with and every caller
 * looks instances up in.
 */
package dev.twelvefactor.discovery;
