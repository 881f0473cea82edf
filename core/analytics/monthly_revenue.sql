-- Net revenue per calendar month up to as_of (returns reduce it). One row per month with orders.
with
orders_to_as_of as (
    select order_date, amount
    from filtered_orders($region, $industry, $team, $account_manager, $product, $customer_type)
    where order_date <= $as_of
),
per_month as (
    select
        date_trunc('month', order_date)::date as month,
        sum(amount)::decimal(18, 2) as net_revenue,
        count(*)::bigint as order_lines
    from orders_to_as_of
    group by month
)
select * from per_month order by month
