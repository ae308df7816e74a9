-- Orders belong to someone: the subject (`sub`) of the access token that placed them, a user name or a client id.
-- Orders placed before there were tokens get the placeholder 'unowned', a name auth-service gives to no client and
-- no user: they stay in the database (the reconciler and the admin tasks still see them) but no caller lists
-- or reads them. A column added with a constant default is a change to the catalogue only (no table rewrite, no
-- long lock on a big table); the default is dropped at once, so every new order must name its owner.
alter table orders
    add column owner varchar(255) not null default 'unowned';
alter table orders
    alter column owner drop default;

-- GET /api/orders lists one owner's orders, newest first.
create index orders_owner_created on orders (owner, created_at desc, id);

-- An Idempotency-Key is the caller's own: two callers who happen to choose the same key place two orders, and
-- neither learns of the other's. Existing keys belong to the existing (unowned) orders.
alter table idempotency_key
    add column owner varchar(255) not null default 'unowned';
alter table idempotency_key
    alter column owner drop default;
alter table idempotency_key
    drop constraint idempotency_key_pkey;
alter table idempotency_key
    add primary key (owner, key);
