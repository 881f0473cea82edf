-- Phone and tax numbers per customer (PRODUCT.md § Duplicate customers): one row per customer, kind and
-- number as written, for the candidates' exact-match evidence. Empty when the file maps neither column.
-- Within the filters and the user's scope, as the customers the review weighs.
with
scoped as (
    select customer, phone, tax_id
    from filtered_orders(
        $region, $industry, $team, $account_manager, $product, $customer_type, $scope_region, $scope_account_manager
    )
)

select distinct customer, 'phone' as kind, phone as number
from scoped
where phone is not null
union all
select distinct customer, 'tax_id' as kind, tax_id as number
from scoped
where tax_id is not null
order by customer, kind, number
