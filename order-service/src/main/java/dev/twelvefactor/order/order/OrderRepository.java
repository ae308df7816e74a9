package dev.twelvefactor.order.order;

import dev.twelvefactor.order.inventory.ReservedLine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
public class OrderRepository {

    private final JdbcClient jdbc;

    public OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertPending(UUID id, List<Order.OrderLine> lines) {
        jdbc.sql("insert into orders (id, status) values (:id, 'PENDING')").param("id", id).update();
        for (Order.OrderLine line : lines) {
            jdbc.sql("insert into order_line (order_id, sku, quantity) values (:id, :sku, :quantity)")
                    .param("id", id).param("sku", line.sku()).param("quantity", line.quantity()).update();
        }
    }

    /** Moves a PENDING order to CONFIRMED with the reserved prices; false when it was not PENDING any more. */
    public boolean confirm(UUID id, List<ReservedLine> reserved) {
        BigDecimal total = reserved.stream()
                .map(line -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        boolean changed = jdbc.sql("update orders set status = 'CONFIRMED', total = :total, updated_at = now() "
                        + "where id = :id and status = 'PENDING'")
                .param("id", id).param("total", total).update() == 1;
        if (changed) {
            for (ReservedLine line : reserved) {
                jdbc.sql("update order_line set unit_price = :price where order_id = :id and sku = :sku")
                        .param("price", line.unitPrice()).param("id", id).param("sku", line.sku()).update();
            }
        }
        return changed;
    }

    public boolean reject(UUID id, String reason) {
        return jdbc.sql("update orders set status = 'REJECTED', reason = :reason, updated_at = now() "
                        + "where id = :id and status = 'PENDING'")
                .param("id", id).param("reason", reason).update() == 1;
    }

    public Optional<Order> findById(UUID id) {
        return jdbc.sql("select id, status, total, reason, created_at, updated_at from orders where id = :id")
                .param("id", id).query(this::header).optional();
    }

    public List<Order> findPage(OrderStatus status, int page, int size) {
        return jdbc.sql("select id, status, total, reason, created_at, updated_at from orders "
                        + "where (cast(:status as varchar) is null or status = :status) "
                        + "order by created_at desc, id limit :size offset :offset")
                .param("status", status == null ? null : status.name())
                .param("size", size).param("offset", (long) page * size)
                .query(this::header).list();
    }

    public long count(OrderStatus status) {
        return jdbc.sql("select count(*) from orders where (cast(:status as varchar) is null or status = :status)")
                .param("status", status == null ? null : status.name()).query(Long.class).single();
    }

    private Order header(ResultSet row, int rowNumber) throws SQLException {
        UUID id = row.getObject("id", UUID.class);
        return new Order(id, OrderStatus.valueOf(row.getString("status")), row.getBigDecimal("total"),
                row.getString("reason"), row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant(), lines(id));
    }

    private List<Order.OrderLine> lines(UUID orderId) {
        return jdbc.sql("select sku, quantity, unit_price from order_line where order_id = :id order by sku")
                .param("id", orderId).query(Order.OrderLine.class).list();
    }
}
