-- Reconciliation of PENDING orders: when to try next, and a short claim so that one instance at a time works on
-- an order (the claim is taken with FOR UPDATE SKIP LOCKED, so instances never wait for each other).
alter table orders
    add column attempts        integer     not null default 0,
    add column next_attempt_at timestamptz not null default now(),
    add column claimed_until   timestamptz;

create index orders_pending_due on orders (next_attempt_at) where status = 'PENDING';

-- Idempotency-Key of each POST /api/orders, kept at least 24 h: a retried request gets the original response.
create table idempotency_key (
    key             varchar(200) primary key,
    request_hash    char(64)     not null,
    -- Written in the same transaction as the order (the key row first, hence deferred).
    order_id        uuid         not null references orders (id) deferrable initially deferred,
    -- Null while the first request is still running.
    response_status integer,
    response_body   text,
    created_at      timestamptz  not null default now(),
    completed_at    timestamptz
);

create index idempotency_key_created on idempotency_key (created_at);
