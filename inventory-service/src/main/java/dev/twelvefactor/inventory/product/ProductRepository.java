package dev.twelvefactor.inventory.product;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

@Repository
public class ProductRepository {

	private static final String COLUMNS = "select sku, name, price, on_hand, reserved from product ";

	private final JdbcClient jdbc;

	public ProductRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Product> findPage(int page, int size) {
		return jdbc.sql(COLUMNS + "order by sku limit :size offset :offset")
			.param("size", size)
			.param("offset", (long) page * size)
			.query(Product.class)
			.list();
	}

	public List<Product> findAll() {
		return jdbc.sql(COLUMNS + "order by sku").query(Product.class).list();
	}

	public long count() {
		return jdbc.sql("select count(*) from product").query(Long.class).single();
	}

	public Optional<Product> findBySku(String sku) {
		return jdbc.sql(COLUMNS + "where sku = :sku").param("sku", sku).query(Product.class).optional();
	}

}
