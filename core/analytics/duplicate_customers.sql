-- The customers the duplicate review weighs (PRODUCT.md § Duplicate customers). One row per customer with an
-- order line up to as_of: its name as shown, net revenue and orders over the whole history to as_of (an order
-- is its order_id, else its day, positive lines only, as in RFM), first and last order date.
with
orders_to_as_of as (
    select customer, customer_name, order_id, order_date, amount
    from
        filtered_orders(
            $region, $industry, $team, $account_manager, $product, $customer_type, $scope_region, $scope_account_manager
        )
    where order_date <= $as_of
),

per_customer as (
    select
        customer,
        coalesce(
            arg_max(customer_name, order_date) filter (where customer_name is not null), customer
        ) as customer_name,
        sum(amount)::decimal(18, 2) as net_revenue,
        count(
            distinct case when order_id is not null then 'id:' || order_id else 'day:' || order_date end
        ) filter (where amount > 0)::bigint as orders_count,
        min(order_date) as first_order_date,
        max(order_date) as last_order_date
    from orders_to_as_of
    group by customer
)

select * from per_customer
order by customer
