package dev.twelvefactor.order.idempotency;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The Idempotency-Key table: which request a key was first used for, and the response it
 * got. A key is its owner's (the caller's token subject): the same key of two owners is
 * two keys.
 */
@Repository
public class IdempotencyKeys {

	private final JdbcClient jdbc;

	public IdempotencyKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A key as first used: the request's hash, its order and, once answered, the
	 * response.
	 */
	public record UsedKey(String requestHash, UUID orderId, Integer responseStatus, String responseBody,
			Instant createdAt) {

		public boolean answered() {
			return responseStatus != null;
		}
	}

	/**
	 * Claims the owner's key for a new request; false when the owner claimed it before
	 * (the caller reads it).
	 */
	public boolean claim(String owner, String key, String requestHash, UUID orderId) {
		return jdbc
			.sql("insert into idempotency_key (owner, key, request_hash, order_id) "
					+ "values (:owner, :key, :hash, :order) on conflict do nothing")
			.param("owner", owner)
			.param("key", key)
			.param("hash", requestHash)
			.param("order", orderId)
			.update() == 1;
	}

	public Optional<UsedKey> find(String owner, String key) {
		return jdbc
			.sql("select request_hash, order_id, response_status, response_body, created_at "
					+ "from idempotency_key where owner = :owner and key = :key")
			.param("owner", owner)
			.param("key", key)
			.query((row, number) -> new UsedKey(row.getString("request_hash"), row.getObject("order_id", UUID.class),
					(Integer) row.getObject("response_status"), row.getString("response_body"),
					row.getTimestamp("created_at").toInstant()))
			.optional();
	}

	public void answer(String owner, String key, int status, String body) {
		jdbc.sql("update idempotency_key set response_status = :status, response_body = :body, completed_at = now() "
				+ "where owner = :owner and key = :key")
			.param("status", status)
			.param("body", body)
			.param("owner", owner)
			.param("key", key)
			.update();
	}

	/** Forgets keys older than the retention; returns how many. */
	public int deleteOlderThan(Duration retention) {
		return jdbc.sql("delete from idempotency_key where created_at < now() - make_interval(secs => :seconds)")
			.param("seconds", retention.toSeconds())
			.update();
	}

}
