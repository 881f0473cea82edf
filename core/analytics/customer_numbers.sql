-- Phone and tax numbers per customer (PRODUCT.md § Duplicate customers): one row per customer, kind and
-- number as written, for the candidates' exact-match evidence. Empty when the file maps neither column.
select distinct customer, 'phone' as kind, phone as number
from orders
where phone is not null
union all
select distinct customer, 'tax_id' as kind, tax_id as number
from orders
where tax_id is not null
order by customer, kind, number
