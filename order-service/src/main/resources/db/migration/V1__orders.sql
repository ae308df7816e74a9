create table orders (
    id         uuid           primary key,
    status     varchar(16)    not null check (status in ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED')),
    -- Known once stock is reserved: the sum of the lines at the prices of that moment.
    total      numeric(14, 2),
    reason     varchar(500),
    created_at timestamptz    not null default now(),
    updated_at timestamptz    not null default now()
);

create index orders_status_created on orders (status, created_at);

create table order_line (
    order_id   uuid           not null references orders (id),
    sku        varchar(64)    not null,
    quantity   integer        not null check (quantity > 0),
    -- The price at order time, from the reservation; null while the order is PENDING.
    unit_price numeric(12, 2),
    primary key (order_id, sku)
);
