package dev.twelvefactor.order.order;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on one order, from config-repo ({@code orders.limits}). A live setting (factor
 * III): change it in config-repo, run the refresh task, and every instance applies the
 * new limit without a restart. Spring Cloud rebinds configuration properties on refresh
 * through their setters, so this is a mutable bean, not a record; its accessors are
 * JavaBean getters, which is how the configuration processor finds its keys.
 */
@ConfigurationProperties("orders.limits")
public class OrderLimits {

	/** Hard bounds the request model enforces whatever the configuration says. */
	public static final int HARD_MAX_LINES = 100;

	public static final int HARD_MAX_QUANTITY = 100_000;

	/** How many lines one order may have. */
	private int maxLines = 50;

	/** How many units one line may ask for. */
	private int maxQuantity = 10_000;

	public int getMaxLines() {
		return maxLines;
	}

	public int getMaxQuantity() {
		return maxQuantity;
	}

	public void setMaxLines(int maxLines) {
		this.maxLines = maxLines;
	}

	public void setMaxQuantity(int maxQuantity) {
		this.maxQuantity = maxQuantity;
	}

}
