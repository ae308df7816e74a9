/** order-service's one-off admin tasks (factor XII). */
package dev.twelvefactor.order.admin;
