package dev.twelvefactor.order.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import dev.twelvefactor.order.inventory.ReservationResult;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** The public order API, routed by the gateway under /api/orders. */
@RestController
@RequestMapping("/api/orders")
public class OrderController {

    public static final int MAX_LINES = 50;
    public static final int MAX_QUANTITY = 10_000;

    private final OrderService service;
    private final OrderRepository orders;

    public OrderController(OrderService service, OrderRepository orders) {
        this.service = service;
        this.orders = orders;
    }

    /**
     * 201 + Location when the stock is reserved; 202 + Location while the order is PENDING (inventory-service did
     * not answer); 409 naming the SKUs short of stock; 422 for SKUs that do not exist.
     */
    @PostMapping
    public ResponseEntity<?> place(@Valid @RequestBody PlaceOrder request) {
        List<Order.OrderLine> lines = request.lines().stream()
                .map(line -> new Order.OrderLine(line.sku(), line.quantity(), null)).toList();
        requireDistinctSkus(lines);
        OrderService.Placement placement = service.place(lines);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}")
                .buildAndExpand(placement.order().id()).toUri();
        return switch (placement.result()) {
            case ReservationResult.Reserved reserved -> ResponseEntity.created(location).body(placement.order());
            case ReservationResult.Unavailable unavailable ->
                    ResponseEntity.accepted().location(location).body(placement.order());
            case ReservationResult.InsufficientStock insufficient -> throw rejected(HttpStatus.CONFLICT,
                    "Insufficient stock", "Not enough stock for " + String.join(", ", insufficient.skus()) + ".",
                    insufficient.skus(), placement.order().id());
            case ReservationResult.UnknownProducts unknown -> throw rejected(HttpStatus.UNPROCESSABLE_CONTENT,
                    "Unknown product", "No product has SKU " + String.join(", ", unknown.skus()) + ".",
                    unknown.skus(), placement.order().id());
            case ReservationResult.Released released -> throw rejected(HttpStatus.CONFLICT,
                    "Order cancelled", "The order was cancelled before its stock was reserved.", List.of(),
                    placement.order().id());
        };
    }

    @GetMapping("/{id}")
    public Order get(@PathVariable UUID id) {
        return orders.findById(id).orElseThrow(() -> notFound(id));
    }

    @GetMapping
    public OrderPage list(@RequestParam(required = false) OrderStatus status,
                          @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                          @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        long total = orders.count(status);
        return new OrderPage(orders.findPage(status, page, size), page, size, total, (int) ((total + size - 1) / size));
    }

    private static void requireDistinctSkus(List<Order.OrderLine> lines) {
        if (lines.stream().map(Order.OrderLine::sku).distinct().count() != lines.size()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "Each SKU may appear on one line only; put its whole quantity on that line.");
            problem.setTitle("Duplicate line");
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
    }

    private static ErrorResponseException rejected(HttpStatus status, String title, String detail, List<String> skus,
                                                   UUID orderId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("skus", skus);
        problem.setProperty("orderId", orderId);
        return new ErrorResponseException(status, problem, null);
    }

    private static ErrorResponseException notFound(UUID id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No order has id " + id + ".");
        problem.setTitle("Order not found");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    public record PlaceOrder(@NotNull @NotEmpty @Size(max = MAX_LINES) List<@Valid @NotNull Line> lines) {
        public record Line(@NotBlank @Size(max = 64) String sku, @Positive @Max(MAX_QUANTITY) int quantity) {
        }
    }

    public record OrderPage(List<Order> content, int page, int size, long totalElements, int totalPages) {
    }
}
