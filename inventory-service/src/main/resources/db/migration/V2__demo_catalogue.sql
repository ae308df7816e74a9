-- A small demo catalogue, so a fresh platform has something to show. INVENTORY_DEMO_DATA=false leaves it out.
insert into product (sku, name, price, on_hand)
select sku, name, price, on_hand
from (values ('KB-001', 'Mechanical keyboard', 89.90, 120),
             ('MS-002', 'Wireless mouse', 24.50, 300),
             ('MN-003', '27" monitor', 219.00, 40),
             ('HS-004', 'Headset', 59.00, 75),
             ('CB-005', 'USB-C cable', 9.90, 1000),
             ('DK-006', 'Docking station', 149.00, 25)) as demo(sku, name, price, on_hand)
where '${demoData}' = 'true';
