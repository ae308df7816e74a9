package dev.twelvefactor.loadgen;

/** What a request of the load generator's client mix does. */
public enum RequestKind {

	PRODUCT_READ, ORDER_CREATE, ORDER_READ

}
