package dev.twelvefactor.inventory.admin;

import dev.twelvefactor.inventory.product.ProductRepository;
import dev.twelvefactor.inventory.product.StockRepository;
import dev.twelvefactor.support.admin.AdminTask;
import org.springframework.stereotype.Component;

import java.util.List;

/** {@code admin restock SKU QUANTITY}: goods received, the units on hand grow. */
@Component
class RestockTask implements AdminTask {

    static final int MAX_QUANTITY = 1_000_000;

    private final StockRepository stock;
    private final ProductRepository products;

    RestockTask(StockRepository stock, ProductRepository products) {
        this.stock = stock;
        this.products = products;
    }

    @Override
    public String name() {
        return "restock";
    }

    @Override
    public String usage() {
        return "SKU QUANTITY   add QUANTITY (1.." + MAX_QUANTITY + ") units of SKU to the stock on hand";
    }

    @Override
    public int run(List<String> arguments) {
        if (arguments.size() != 2 || !arguments.get(1).matches("\\d{1,7}")) {
            System.err.println("Usage: admin restock " + usage());
            return USAGE;
        }
        String sku = arguments.get(0);
        int quantity = Integer.parseInt(arguments.get(1));
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            System.err.println("QUANTITY must be between 1 and " + MAX_QUANTITY);
            return USAGE;
        }
        if (!stock.restock(sku, quantity)) {
            System.err.println("No product has SKU '" + sku + "'");
            return FAILED;
        }
        var product = products.findBySku(sku).orElseThrow();
        System.out.printf("Restocked %s by %d: %d on hand, %d reserved, %d available%n",
                sku, quantity, product.onHand(), product.reserved(), product.available());
        return OK;
    }
}
