package dev.twelvefactor.inventory.reservation;

import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * The internal reservation API, called only by order-service through Eureka. The gateway
 * routes only /api/**, so this is never reachable from outside.
 */
@RestController
@RequestMapping("/internal/reservations")
public class ReservationController {

	private static final Logger log = LoggerFactory.getLogger(ReservationController.class);

	private final ReservationService reservations;

	public ReservationController(ReservationService reservations) {
		this.reservations = reservations;
	}

	/**
	 * 201 when this call reserved the stock, 200 when the same order was reserved before
	 * (a retry).
	 */
	@PostMapping
	public ResponseEntity<Reservation> reserve(@Valid @RequestBody ReservationRequest request) {
		ReservationService.Outcome outcome = reservations.reserve(request);
		if (outcome.created()) {
			// A business event per reservation, in the order's trace:
			// the line carries its id.
			log.info("Reserved stock for order {}: {}", request.orderId(), outcome.reservation().lines());
		}
		return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(outcome.reservation());
	}

	@GetMapping("/{orderId}")
	public ResponseEntity<Reservation> get(@PathVariable UUID orderId) {
		return ResponseEntity.of(reservations.find(orderId));
	}

	@DeleteMapping("/{orderId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	public void release(@PathVariable UUID orderId) {
		reservations.release(orderId);
	}

}
