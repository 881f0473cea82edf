-- What one customer bought up to as_of. One row per product (null product: its own row), by net revenue desc.
with
customer_orders as (
    select product, order_date, amount, quantity, date_diff('day', order_date, $as_of) as days_before
    from
        filtered_orders(
            $region, $industry, $team, $account_manager, $product, $customer_type, $scope_region, $scope_account_manager
        )
    where
        customer = $customer
        and order_date <= $as_of
),

per_product as (
    select
        product,
        sum(amount)::decimal(18, 2) as net_revenue,
        coalesce(sum(amount) filter (where days_before < $window_days), 0)::decimal(18, 2) as window_revenue,
        sum(quantity)::decimal(18, 4) as quantity,
        count(*)::bigint as order_lines,
        max(order_date) as last_order_date
    from customer_orders
    group by product
)

select * from per_product
order by net_revenue desc, product asc nulls last
