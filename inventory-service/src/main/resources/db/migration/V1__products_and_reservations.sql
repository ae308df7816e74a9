create table product (
    sku      varchar(64)    primary key,
    name     varchar(200)   not null,
    price    numeric(12, 2) not null check (price >= 0),
    on_hand  integer        not null check (on_hand >= 0),
    -- Never more reserved than on hand: the database itself refuses an oversell.
    reserved integer        not null default 0 check (reserved >= 0 and reserved <= on_hand)
);

-- One row per order that ever asked for stock. RELEASED rows stay as tombstones, so a reservation request that
-- arrives after its order was cancelled (a retried or delayed call) cannot reserve stock again.
create table reservation (
    order_id   uuid        primary key,
    status     varchar(16) not null check (status in ('RESERVED', 'RELEASED')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table reservation_line (
    order_id   uuid           not null references reservation (order_id),
    sku        varchar(64)    not null references product (sku),
    quantity   integer        not null check (quantity > 0),
    unit_price numeric(12, 2) not null,
    primary key (order_id, sku)
);
