/** The product catalogue and its stock on hand, served publicly under /api/inventory. */
package dev.twelvefactor.inventory.product;
